namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>See <see cref="IFaultyGrain"/>.</summary>
public sealed class FaultyGrain : Grain, IFaultyGrain
{
    public Task ThrowInvalidOperationAsync(string message) => throw new InvalidOperationException(message);

    public Task<int> ThrowWithoutStringConstructorAsync() => throw new OddException(42);

    public async Task<string> SlowAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return "late";
    }

    public Task<string> PingAsync() => Task.FromResult("pong");
}

/// <summary>An exception the caller cannot recreate (no (string) constructor).</summary>
public sealed class OddException(int code) : Exception($"odd failure {code}");
