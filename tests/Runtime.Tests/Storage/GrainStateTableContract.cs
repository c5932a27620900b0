using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>What the grain state table promises on every provider: ETags and the directory fence guard every write.</summary>
public abstract class GrainStateTableContract(string provider) : StorageTestBase(provider)
{
    private const string Grain = "account/1";

    private async Task<FenceToken> OwnAsync(string siloId)
    {
        var claim = await Storage.Directory.TryClaimAsync(Grain, "Account", siloId, $"http://{siloId}:5000", DeathTimeout, None);
        Assert.True(claim.Granted, $"{siloId} could not claim {Grain}");
        return new FenceToken(siloId, claim.Entry.Epoch);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        await RegisterAsync("silo-1");
        var fence = await OwnAsync("silo-1");

        var etag = await Storage.States.WriteAsync(Grain, "profile", """{"name":"Ann"}""", null, fence, None);

        Assert.Equal(new StoredState("""{"name":"Ann"}""", etag), await Storage.States.ReadAsync(Grain, "profile", None));
        Assert.Null(await Storage.States.ReadAsync(Grain, "other", None));
    }

    [Fact]
    public async Task Write_with_the_current_etag_replaces_the_state_and_changes_the_etag()
    {
        await RegisterAsync("silo-1");
        var fence = await OwnAsync("silo-1");
        var first = await Storage.States.WriteAsync(Grain, "profile", """{"v":1}""", null, fence, None);

        var second = await Storage.States.WriteAsync(Grain, "profile", """{"v":2}""", first, fence, None);

        Assert.NotEqual(first, second);
        Assert.Equal(new StoredState("""{"v":2}""", second), await Storage.States.ReadAsync(Grain, "profile", None));
    }

    [Fact]
    public async Task Write_with_a_wrong_etag_is_refused_and_leaves_the_state_unchanged()
    {
        await RegisterAsync("silo-1");
        var fence = await OwnAsync("silo-1");
        var etag = await Storage.States.WriteAsync(Grain, "profile", """{"v":1}""", null, fence, None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.States.WriteAsync(Grain, "profile", """{"v":2}""", "not-the-etag", fence, None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.States.WriteAsync(Grain, "profile", """{"v":3}""", null, fence, None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.States.WriteAsync(Grain, "missing", """{"v":4}""", "some-etag", fence, None));

        Assert.Equal(new StoredState("""{"v":1}""", etag), await Storage.States.ReadAsync(Grain, "profile", None));
        Assert.Null(await Storage.States.ReadAsync(Grain, "missing", None));
    }

    [Fact]
    public async Task Write_with_a_stale_fence_is_refused_and_leaves_the_state_unchanged()
    {
        await RegisterAsync("silo-1", "silo-2");
        var oldFence = await OwnAsync("silo-1");
        var etag = await Storage.States.WriteAsync(Grain, "profile", """{"owner":"silo-1"}""", null, oldFence, None);
        await Storage.Membership.SetStatusAsync("silo-1", SiloStatus.Dead, None);
        var newFence = await OwnAsync("silo-2");

        // The old owner's write carries the right ETag: only the fence is wrong, and that alone must refuse it.
        var update = await Assert.ThrowsAsync<StaleEpochException>(() => Storage.States.WriteAsync(Grain, "profile", """{"owner":"zombie"}""", etag, oldFence, None));
        await Assert.ThrowsAsync<StaleEpochException>(() => Storage.States.WriteAsync(Grain, "fresh", """{"owner":"zombie"}""", null, oldFence, None));
        await Assert.ThrowsAsync<StaleEpochException>(() => Storage.States.WriteAsync(Grain, "profile", "{}", "wrong-etag-too", oldFence, None));

        Assert.Equal(new StoredState("""{"owner":"silo-1"}""", etag), await Storage.States.ReadAsync(Grain, "profile", None));
        Assert.Null(await Storage.States.ReadAsync(Grain, "fresh", None));
        Assert.Contains("epoch 1", update.Message);
        Assert.NotNull(await Storage.States.WriteAsync(Grain, "profile", """{"owner":"silo-2"}""", etag, newFence, None));
    }

    [Fact]
    public async Task No_write_of_the_old_owner_lands_after_a_take_over_completes()
    {
        await RegisterAsync("silo-1", "silo-2");
        var oldFence = await OwnAsync("silo-1");
        var oldOwner = Database.CreateStorage();
        var newOwner = Database.CreateStorage();
        var etag = await oldOwner.States.WriteAsync(Grain, "counter", """{"seq":0}""", null, oldFence, None);
        // Slow every update down on PostgreSQL, so the take-over lands while a write is under way (SQLite runs
        // one writer at a time anyway).
        await Database.ExecuteAsync("SELECT 1", """
            CREATE FUNCTION slow_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$;
            CREATE TRIGGER slow_write BEFORE UPDATE ON grain_state FOR EACH ROW EXECUTE FUNCTION slow_write();
            """);
        var firstWrites = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The old owner keeps writing until it is told its epoch is stale, as a zombie activation would.
        var zombie = Task.Run(async () =>
        {
            for (var seq = 1; seq < 1000; seq++)
            {
                try
                {
                    etag = await oldOwner.States.WriteAsync(Grain, "counter", $$"""{"seq":{{seq}}}""", etag, oldFence, None);
                }
                catch (StaleEpochException)
                {
                    return seq;
                }
                if (seq == 5)
                {
                    firstWrites.SetResult();
                }
                // A zombie activation does other work between writes. Without a pause, a tight loop of one SQLite
                // connection can take the file's write lock back every time, starving the take-over (seen in CI).
                await Task.Delay(1);
            }
            return -1;
        });
        await firstWrites.Task;
        await Storage.Membership.SetStatusAsync("silo-1", SiloStatus.Dead, None);
        var claim = await newOwner.Directory.TryClaimAsync(Grain, "Account", "silo-2", "http://silo-2:5000", DeathTimeout, None);
        var atTakeOver = await newOwner.States.ReadAsync(Grain, "counter", None);
        var refusedAt = await zombie;
        var afterZombie = await newOwner.States.ReadAsync(Grain, "counter", None);
        await newOwner.States.WriteAsync(Grain, "counter", """{"seq":"new owner"}""", atTakeOver!.Etag, new FenceToken("silo-2", claim.Entry.Epoch), None);

        Assert.True(claim.Granted);
        Assert.True(refusedAt > 5, "the old owner's writes were never refused");
        Assert.Equal(atTakeOver, afterZombie);
        Assert.Equal("""{"seq":"new owner"}""", (await Storage.States.ReadAsync(Grain, "counter", None))?.Json);
    }

    [Fact]
    public async Task Write_for_a_grain_with_no_directory_entry_or_a_released_one_is_refused_as_stale()
    {
        await RegisterAsync("silo-1");

        await Assert.ThrowsAsync<StaleEpochException>(() => Storage.States.WriteAsync(Grain, "profile", "{}", null, new FenceToken("silo-1", 1), None));
        var fence = await OwnAsync("silo-1");
        await Storage.Directory.ReleaseAsync(Grain, fence, None);
        await Assert.ThrowsAsync<StaleEpochException>(() => Storage.States.WriteAsync(Grain, "profile", "{}", null, fence, None));

        Assert.Null(await Storage.States.ReadAsync(Grain, "profile", None));
    }

    [Fact]
    public async Task Clear_deletes_with_the_current_etag_and_is_refused_otherwise()
    {
        await RegisterAsync("silo-1", "silo-2");
        var fence = await OwnAsync("silo-1");
        var etag = await Storage.States.WriteAsync(Grain, "profile", "{}", null, fence, None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.States.ClearAsync(Grain, "profile", "wrong", fence, None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.States.ClearAsync(Grain, "profile", null, fence, None));
        await Assert.ThrowsAsync<StaleEpochException>(() => Storage.States.ClearAsync(Grain, "profile", etag, new FenceToken("silo-2", fence.Epoch), None));
        Assert.NotNull(await Storage.States.ReadAsync(Grain, "profile", None));

        await Storage.States.ClearAsync(Grain, "profile", etag, fence, None);
        await Storage.States.ClearAsync(Grain, "never-written", null, fence, None);

        Assert.Null(await Storage.States.ReadAsync(Grain, "profile", None));
    }

    [Fact]
    public async Task ReadAllForGrain_returns_every_state_of_the_grain_by_name()
    {
        await RegisterAsync("silo-1");
        var fence = await OwnAsync("silo-1");
        await Storage.States.WriteAsync(Grain, "a", """{"a":1}""", null, fence, None);
        await Storage.States.WriteAsync(Grain, "b", """{"b":2}""", null, fence, None);

        var states = await Storage.States.ReadAllForGrainAsync(Grain, None);

        Assert.Equal(new Dictionary<string, string> { ["a"] = """{"a":1}""", ["b"] = """{"b":2}""" }, states);
        Assert.Empty(await Storage.States.ReadAllForGrainAsync("account/other", None));
    }
}
