using System.Diagnostics;
using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>How long the accounts a faulted silo held took to be Active on another silo: per account, the time from the
/// fault until the cluster client saw it activated on a silo other than the faulted one and answering Active.</summary>
internal sealed record AccountTakeover(string Fault, string FaultedSilo, IReadOnlyDictionary<string, TimeSpan?> Accounts)
{
    /// <summary>The slowest account's time, or null when some account was not Active elsewhere when the watch gave up.</summary>
    public TimeSpan? Slowest => Accounts.Count == 0 ? TimeSpan.Zero : Accounts.Values.Any(v => v is null) ? null : Accounts.Values.Max();

    public IEnumerable<string> Late(TimeSpan bound) => Accounts.Where(a => a.Value is null || a.Value > bound).Select(a => a.Key);

    public override string ToString()
        => $"{Fault} of {FaultedSilo}: {Accounts.Count} accounts, "
           + (Accounts.Count == 0 ? "none to move" : $"Active elsewhere after {Format(Slowest)} at most (median {Format(Median)}): "
              + string.Join(", ", Accounts.OrderBy(a => a.Key).Select(a => $"{a.Key} {Format(a.Value)}")));

    private TimeSpan? Median
    {
        get
        {
            var known = Accounts.Values.OfType<TimeSpan>().Order().ToList();
            return known.Count == 0 ? null : known[known.Count / 2];
        }
    }

    private static string Format(TimeSpan? t) => t is { } v ? $"{v.TotalSeconds:0.0} s" : "never";

    /// <summary>Where each account is activated now (null: nowhere known), from the grain directory (activates nothing).</summary>
    public static async Task<Dictionary<string, SiloAddress?>> LocateAsync(ProcessCluster cluster, IEnumerable<string> accountIds)
    {
        var result = new Dictionary<string, SiloAddress?>();
        foreach (var id in accountIds)
            result[id] = await cluster.Management.GetActivationAddress(cluster.Grains.GetGrain<IAccountGrain>(id));
        return result;
    }

    /// <summary>Watches <paramref name="accountIds"/> (the accounts <paramref name="faulted"/> held) from
    /// <paramref name="faultedAt"/> (a <see cref="Stopwatch"/> timestamp taken just before the fault) until each is active on
    /// another silo and answers Active, or <paramref name="giveUp"/> passed. Only accounts seen active elsewhere are asked
    /// for their status, so the watch itself activates nothing: the keepers and the pairs do. Every call has a short
    /// timeout: a call routed through a frozen or cut gateway hangs until the client drops that gateway.</summary>
    public static async Task<AccountTakeover> WatchAsync(ProcessCluster cluster, string fault, SiloAddress faulted, IReadOnlyCollection<string> accountIds,
        long faultedAt, TimeSpan? giveUp = null)
    {
        var limit = giveUp ?? TimeSpan.FromSeconds(45);
        var faultedName = cluster.Find(faulted)?.Name ?? faulted.ToString();
        var results = await Task.WhenAll(accountIds.Select(async id =>
        {
            var grain = cluster.Grains.GetGrain<IAccountGrain>(id);
            var attempt = 0;
            while (Stopwatch.GetElapsedTime(faultedAt) < limit)
            {
                try
                {
                    // A management grain of its own per attempt (a stateless worker): its calls spread over the gateways.
                    var management = cluster.Grains.GetGrain<IManagementGrain>(Interlocked.Increment(ref attempt) % 16);
                    var address = await management.GetActivationAddress(grain).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
                    if (address is not null && !address.Equals(faulted))
                    {
                        var status = await grain.GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(2));
                        if (status.State == AccountState.Active) return (id, (TimeSpan?)Stopwatch.GetElapsedTime(faultedAt));
                    }
                }
                catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
                {
                    // a call through a silo that is gone or frozen: ask again
                }
                await Task.Delay(200);
            }
            return (id, (TimeSpan?)null);
        }));
        return new AccountTakeover(fault, faultedName, results.ToDictionary(r => r.id, r => r.Item2));
    }
}
