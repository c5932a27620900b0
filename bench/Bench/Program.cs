// Benchmarks that print the figures the README quotes. Usage: dotnet run -c Release --project bench/Bench -- <name>
//   cluster [--seconds S] [--latency-seconds S] [--activations N] [--only calls,memory,failover] [--no-tls]
//                       Orleans silos in processes of their own: remote calls/s (64 in flight) and latency at 1,000 calls/s,
//                       without and with mutual TLS; memory per idle activation; failover of 1,000 always-on grains after
//                       kill -9 of one of 3 silos on PostgreSQL   (runtime: the old name of this benchmark)
//   telegram [--seconds S] [--concurrency C] [--rate R] [--sends N]
//                       Bot API calls/s through the client against the simulator; the send limiter's share of the allowed rate
//   forwarding [latency messages] [throughput messages per pair]
//                       account and pair grains: latency p50/p99 (update arrival -> send acknowledged), messages/s per silo,
//                       CPU per message, bytes per account and per pair
//   guard [joins]       membership guard: join-to-mute p50/p99, verifications/s and cache hit rate under a mix
//   broadcast [--users N]
//                       a bot's broadcast to N (1,000) subscribers at the free rate (30/s) and at the paid broadcast rate: seconds,
//                       messages/s, 429 answers
//   campaign [recipients]
//                       user-account campaigns (10,000 recipients, 20 accounts): sends/s per silo and activation memory with
//                       the simulator's limits off; with limits on, the most any account sent in its hour and flood waits ignored
return args.FirstOrDefault() switch
{
    "cluster" or "runtime" => await Cluster.Bench.ClusterBench.ClusterBenchmark.RunAsync(args[1..]),
    // A silo process of the cluster benchmark (started by it, not by hand).
    "cluster-silo" => await Cluster.Bench.ClusterBench.SiloHost.RunAsync(args[1..]),
    "telegram" => await Cluster.Bench.Telegram.TelegramBenchmark.RunAsync(args[1..]),
    "forwarding" => await Cluster.Bench.Forwarding.ForwardingBenchmark.RunAsync(args),
    "guard" => await Cluster.Bench.Guard.GuardBenchmark.RunAsync(args),
    "broadcast" => await Cluster.Bench.Broadcasts.BroadcastBenchmark.RunAsync(args[1..]),
    "campaign" => await Cluster.Bench.Campaign.CampaignBenchmark.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bench cluster [--seconds S] [--latency-seconds S] [--activations N] [--only calls,memory,failover] [--no-tls] | Bench telegram [--seconds S] [--concurrency C] [--rate R] [--sends N] | Bench forwarding [latency messages] [messages per pair] | Bench guard [joins] | Bench campaign [recipients] | Bench broadcast [--users N]");
    return 2;
}
