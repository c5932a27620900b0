// Benchmarks that print the figures the README quotes. Usage: dotnet run -c Release --project bench/Bench -- <name>
//   runtime             placeholder: the runtime benchmark is being rewritten for Orleans (prints no figures)
//   telegram [--seconds S] [--concurrency C] [--rate R] [--sends N]
//                       Bot API calls/s through the client against the simulator; the send limiter's share of the allowed rate
//   forwarding [latency messages] [throughput messages per pair]
//                       account and pair grains: latency p50/p99 (update arrival -> send acknowledged), messages/s per silo,
//                       CPU per message, bytes per account and per pair
//   guard [joins]       membership guard: join-to-mute p50/p99, verifications/s and cache hit rate under a mix
return args.FirstOrDefault() switch
{
    "runtime" => await Cluster.Bench.Runtime.RuntimeBenchmark.RunAsync(args),
    "telegram" => await Cluster.Bench.Telegram.TelegramBenchmark.RunAsync(args[1..]),
    "forwarding" => await Cluster.Bench.Forwarding.ForwardingBenchmark.RunAsync(args),
    "guard" => await Cluster.Bench.Guard.GuardBenchmark.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bench runtime | Bench telegram [--seconds S] [--concurrency C] [--rate R] [--sends N] | Bench forwarding [latency messages] [messages per pair] | Bench guard [joins]");
    return 2;
}
