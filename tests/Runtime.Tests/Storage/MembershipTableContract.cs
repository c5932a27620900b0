namespace Cluster.Runtime.Tests.Storage;

/// <summary>What the membership table promises on every provider.</summary>
public abstract class MembershipTableContract(string provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task Registered_silo_is_active_with_a_heartbeat_from_the_database_clock()
    {
        await Storage.Membership.RegisterAsync("silo-1", "http://10.0.0.1:5000", "host-1", None);

        var snapshot = await Storage.Membership.ReadAllAsync(None);

        var silo = Assert.Single(snapshot.Silos);
        Assert.Equal(("silo-1", "http://10.0.0.1:5000", "host-1", SiloStatus.Active), (silo.SiloId, silo.Address, silo.HostName, silo.Status));
        Assert.True(silo.LastHeartbeat <= snapshot.DatabaseNow, $"heartbeat {silo.LastHeartbeat:O} after database now {snapshot.DatabaseNow:O}");
        Assert.True(snapshot.DatabaseNow - silo.LastHeartbeat < TimeSpan.FromMinutes(1));
        Assert.True(silo.StartedAt <= silo.LastHeartbeat);
    }

    [Fact]
    public async Task Heartbeat_stamps_the_database_time_and_stores_the_load()
    {
        await RegisterAsync("silo-1");
        var before = Assert.Single((await Storage.Membership.ReadAllAsync(None)).Silos).LastHeartbeat;
        await Task.Delay(20);

        var accepted = await Storage.Membership.HeartbeatAsync("silo-1", """{"activations":7}""", None);

        var silo = Assert.Single((await Storage.Membership.ReadAllAsync(None)).Silos);
        Assert.True(accepted);
        Assert.True(silo.LastHeartbeat > before, $"heartbeat did not move: {before:O} -> {silo.LastHeartbeat:O}");
        Assert.Equal("""{"activations":7}""", silo.LoadJson);
    }

    [Theory]
    [InlineData(SiloStatus.Dead)]
    [InlineData(SiloStatus.Left)]
    public async Task Heartbeat_of_a_silo_declared_dead_or_gone_is_refused(SiloStatus status)
    {
        await RegisterAsync("silo-1");
        await Storage.Membership.SetStatusAsync("silo-1", status, None);

        Assert.False(await Storage.Membership.HeartbeatAsync("silo-1", "{}", None));
        Assert.False(await Storage.Membership.HeartbeatAsync("never-registered", "{}", None));
        Assert.Equal(status, Assert.Single((await Storage.Membership.ReadAllAsync(None)).Silos).Status);
    }

    [Fact]
    public async Task Heartbeat_of_a_shutting_down_silo_is_accepted()
    {
        await RegisterAsync("silo-1");
        await Storage.Membership.SetStatusAsync("silo-1", SiloStatus.ShuttingDown, None);

        Assert.True(await Storage.Membership.HeartbeatAsync("silo-1", "{}", None));
    }

    [Fact]
    public async Task Restarted_silo_at_the_same_address_joins_at_once_and_its_earlier_life_is_dead()
    {
        await Storage.Membership.RegisterAsync("silo-1-life-1", "http://10.0.0.1:5000", "host-1", None);
        await Storage.Membership.RegisterAsync("silo-2", "http://10.0.0.2:5000", "host-2", None);
        await Storage.Membership.RegisterAsync("silo-1-life-0", "http://10.0.0.1:5000", "host-1", None);
        await Storage.Membership.SetStatusAsync("silo-1-life-0", SiloStatus.Left, None);

        await Storage.Membership.RegisterAsync("silo-1-life-2", "http://10.0.0.1:5000", "host-1", None);

        var statuses = (await Storage.Membership.ReadAllAsync(None)).Silos.ToDictionary(s => s.SiloId, s => s.Status);
        Assert.Equal(SiloStatus.Dead, statuses["silo-1-life-1"]);
        Assert.Equal(SiloStatus.Left, statuses["silo-1-life-0"]);
        Assert.Equal(SiloStatus.Active, statuses["silo-1-life-2"]);
        Assert.Equal(SiloStatus.Active, statuses["silo-2"]);
    }

    [Fact]
    public async Task A_silo_silent_past_the_death_timeout_reads_as_not_alive_by_the_database_clock()
    {
        await RegisterAsync("silent", "beating");
        await Database.BackdateHeartbeatAsync("silent", TimeSpan.FromMinutes(2));

        var snapshot = await Storage.Membership.ReadAllAsync(None);

        var silos = snapshot.Silos.ToDictionary(s => s.SiloId);
        Assert.True(snapshot.DatabaseNow - silos["silent"].LastHeartbeat > DeathTimeout);
        Assert.True(snapshot.DatabaseNow - silos["beating"].LastHeartbeat <= DeathTimeout);
    }

    [Fact]
    public async Task Cleanup_marks_silent_silos_dead_and_deletes_long_dead_rows()
    {
        await RegisterAsync("silent", "beating", "long-left", "recently-dead", "long-dead");
        await Database.BackdateHeartbeatAsync("silent", TimeSpan.FromMinutes(2));
        await Storage.Membership.SetStatusAsync("long-left", SiloStatus.Left, None);
        await Database.BackdateHeartbeatAsync("long-left", TimeSpan.FromHours(2));
        await Storage.Membership.SetStatusAsync("recently-dead", SiloStatus.Dead, None);
        await Database.BackdateHeartbeatAsync("recently-dead", TimeSpan.FromMinutes(2));
        await Storage.Membership.SetStatusAsync("long-dead", SiloStatus.Dead, None);
        await Database.BackdateHeartbeatAsync("long-dead", TimeSpan.FromHours(3));

        var deleted = await Storage.Membership.CleanupAsync(DeathTimeout, TimeSpan.FromHours(1), None);

        var statuses = (await Storage.Membership.ReadAllAsync(None)).Silos.ToDictionary(s => s.SiloId, s => s.Status);
        Assert.Equal(2, deleted);
        Assert.Equal(["beating", "recently-dead", "silent"], statuses.Keys.Order());
        Assert.Equal(SiloStatus.Dead, statuses["silent"]);
        Assert.Equal(SiloStatus.Active, statuses["beating"]);
        Assert.False(await Storage.Membership.HeartbeatAsync("silent", "{}", None));
    }
}
