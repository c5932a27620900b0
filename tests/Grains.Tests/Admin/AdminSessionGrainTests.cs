using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Tests.Support;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Admin;

/// <summary>The admin's conversation state on an in-process Orleans cluster: it survives a restart of the silo, keeps the api_hash encrypted
/// in storage, refuses codes and passwords, and expires.</summary>
[Trait("Category", "Cluster")]
public sealed class AdminSessionGrainTests
{
    private static AdminConversation AddWorkerAtPhoneStep() => new()
    {
        Command = "add_worker",
        Step = "phone",
        ChatId = 4242,
        Fields = new Dictionary<string, string> { ["account_id"] = "worker-7", ["api_id"] = "12345" },
        Secrets = new Dictionary<string, string> { ["api_hash"] = "0123456789abcdef0123456789abcdef" },
        MessageIdsToDelete = [11, 12],
    };

    [Fact]
    public async Task A_half_finished_conversation_survives_a_silo_restart_with_its_api_hash_encrypted_at_rest()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var saved = await cluster.Grains.GetGrain<IAdminSessionGrain>("1001").SaveAsync(AddWorkerAtPhoneStep());
        Assert.True(saved.ExpiresAt > saved.StartedAt, "a default expiry is set");

        await cluster.StopSiloAsync(cluster.Silos[0]);
        var restarted = await cluster.StartSiloAsync();
        var back = await restarted.Grains().GetGrain<IAdminSessionGrain>("1001").GetAsync();

        Assert.NotNull(back);
        Assert.Equal("add_worker", back.Command);
        Assert.Equal("phone", back.Step);
        Assert.Equal(4242, back.ChatId);
        Assert.Equal("worker-7", back.Fields["account_id"]);
        Assert.Equal("0123456789abcdef0123456789abcdef", back.Secrets["api_hash"]);
        Assert.Equal([11L, 12L], back.MessageIdsToDelete);
        Assert.Equal(saved.ExpiresAt, back.ExpiresAt);
        var id = GrainId.Create("admin-session", "1001");
        var json = cluster.Cluster.States.ReadText(Assert.Single(cluster.Cluster.States.StateNames(id)), id);
        Assert.Contains("worker-7", json);
        Assert.DoesNotContain("0123456789abcdef0123456789abcdef", json);
    }

    [Fact]
    public async Task Login_codes_and_passwords_are_never_stored()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var session = cluster.Grains.GetGrain<IAdminSessionGrain>("1002");

        var code = await Assert.ThrowsAsync<ArgumentException>(() => session.SaveAsync(AddWorkerAtPhoneStep() with
        {
            Fields = new Dictionary<string, string> { ["login_code"] = "12345" },
        }));
        var password = await Assert.ThrowsAsync<ArgumentException>(() => session.SaveAsync(AddWorkerAtPhoneStep() with
        {
            Secrets = new Dictionary<string, string> { ["2fa_password"] = "hunter2" },
        }));

        Assert.Contains("login_code", code.Message);
        Assert.Contains("2fa_password", password.Message);
        Assert.Null(await session.GetAsync());
    }

    [Fact]
    public async Task An_expired_conversation_is_gone_and_clear_ends_a_conversation()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var expired = cluster.Grains.GetGrain<IAdminSessionGrain>("1003");
        var current = cluster.Grains.GetGrain<IAdminSessionGrain>("1004");
        await expired.SaveAsync(AddWorkerAtPhoneStep() with { StartedAt = DateTimeOffset.UtcNow.AddHours(-1), ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) });
        await current.SaveAsync(AddWorkerAtPhoneStep());

        Assert.Null(await expired.GetAsync());
        Assert.NotNull(await current.GetAsync());
        await current.ClearAsync();
        Assert.Null(await current.GetAsync());
        Assert.Empty(cluster.Cluster.States.StateNames(GrainId.Create("admin-session", "1004")));
    }
}
