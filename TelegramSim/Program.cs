// Placeholder entry point; the simulator host is built in issue 3.
return 0;
