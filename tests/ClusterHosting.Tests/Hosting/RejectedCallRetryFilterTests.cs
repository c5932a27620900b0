using System.Reflection;
using Cluster.Hosting.Hosting;
using Orleans.Concurrency;

namespace Cluster.Hosting.Tests.Hosting;

/// <summary>Which failed calls the cluster client sends again: those Orleans rejected before any grain ran them, and reads
/// that timed out; never a call that may have changed something.</summary>
public sealed class RejectedCallRetryFilterTests
{
    private interface ICalls
    {
        [ReadOnly]
        Task<int> ReadAsync();

        Task WriteAsync();
    }

    private static MethodInfo Method(string name) => typeof(ICalls).GetMethod(name)!;

    [Fact]
    public void A_read_that_timed_out_is_sent_again_a_write_is_not()
    {
        var timeout = new TimeoutException("Response did not arrive on time in 00:00:05");
        Assert.True(RejectedCallRetryFilter.MaySendAgain(timeout, Method(nameof(ICalls.ReadAsync))));
        Assert.False(RejectedCallRetryFilter.MaySendAgain(timeout, Method(nameof(ICalls.WriteAsync))));
        Assert.False(RejectedCallRetryFilter.MaySendAgain(timeout, null));
    }

    [Fact]
    public void A_rejection_is_sent_again_and_a_silo_that_died_with_the_call_is_not()
    {
        var write = Method(nameof(ICalls.WriteAsync));
        Assert.True(RejectedCallRetryFilter.MaySendAgain(new SiloUnavailableException("Silo 'S127.0.0.1:1:1' is shutting down."), write));
        Assert.False(RejectedCallRetryFilter.MaySendAgain(new SiloUnavailableException("The target silo became unavailable for message"), write));
        Assert.False(RejectedCallRetryFilter.MaySendAgain(new InvalidOperationException("from the grain"), Method(nameof(ICalls.ReadAsync))));
    }
}
