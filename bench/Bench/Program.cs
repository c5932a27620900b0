// Placeholder entry point; the benchmarks are added by issues 2 to 5.
return 0;
