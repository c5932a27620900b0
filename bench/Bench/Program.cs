// Benchmarks that print the figures the README quotes. Usage: dotnet run -c Release --project bench/Bench -- <name>
//   runtime [seconds]   silo core: remote calls/s with 64 callers, latency at 1,000 calls/s, bytes per idle activation
return args.FirstOrDefault() switch
{
    "runtime" => await Cluster.Bench.Runtime.RuntimeBenchmark.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bench runtime [seconds]");
    return 2;
}
