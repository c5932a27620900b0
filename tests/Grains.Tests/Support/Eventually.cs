namespace Cluster.Grains.Tests.Support;

/// <summary>Waits for a condition that the cluster reaches asynchronously (a message forwarded, a state reached),
/// polling; fails with the description and the last observed value when it is not reached in time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> WaitAsync<T>(Func<Task<T>> observe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last;
        while (true)
        {
            last = await observe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting for {what}; last seen: {Describe(last)}");
        return last;
    }

    public static Task<T> WaitAsync<T>(Func<T> observe, Func<T, bool> done, string what, TimeSpan? timeout = null)
        => WaitAsync(() => Task.FromResult(observe()), done, what, timeout);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(i => i?.ToString())) + "]",
        _ => value.ToString() ?? "",
    };
}
