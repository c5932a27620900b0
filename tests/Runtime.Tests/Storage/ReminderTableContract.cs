namespace Cluster.Runtime.Tests.Storage;

/// <summary>What the reminder table promises on every provider.</summary>
public abstract class ReminderTableContract(string provider) : StorageTestBase(provider)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public async Task Upserted_reminders_read_back_per_grain_and_in_total()
    {
        var daily = new GrainReminder("campaign/1", "daily", Start, TimeSpan.FromDays(1));
        var tick = new GrainReminder("campaign/1", "tick", Start.AddMinutes(1), TimeSpan.FromMilliseconds(1500));
        var other = new GrainReminder("account/9", "refresh", Start.ToOffset(TimeSpan.FromHours(3)), TimeSpan.FromMinutes(5));

        await Storage.Reminders.UpsertAsync(tick, None);
        await Storage.Reminders.UpsertAsync(daily, None);
        await Storage.Reminders.UpsertAsync(other, None);

        Assert.Equal([daily, tick], await Storage.Reminders.ReadForGrainAsync("campaign/1", None));
        var all = await Storage.Reminders.ReadAllAsync(None);
        Assert.Equal(["account/9/refresh", "campaign/1/daily", "campaign/1/tick"], all.Select(r => $"{r.GrainId}/{r.Name}"));
        Assert.Equal(other.StartAt, all[0].StartAt);
    }

    [Fact]
    public async Task Upsert_replaces_the_schedule_of_an_existing_reminder()
    {
        await Storage.Reminders.UpsertAsync(new GrainReminder("campaign/1", "tick", Start, TimeSpan.FromMinutes(1)), None);
        var replaced = new GrainReminder("campaign/1", "tick", Start.AddHours(1), TimeSpan.FromMinutes(10));

        await Storage.Reminders.UpsertAsync(replaced, None);

        Assert.Equal([replaced], await Storage.Reminders.ReadForGrainAsync("campaign/1", None));
    }

    [Fact]
    public async Task Removed_reminder_is_gone_and_removing_again_is_harmless()
    {
        var keep = new GrainReminder("campaign/1", "keep", Start, TimeSpan.FromMinutes(1));
        await Storage.Reminders.UpsertAsync(keep, None);
        await Storage.Reminders.UpsertAsync(new GrainReminder("campaign/1", "drop", Start, TimeSpan.FromMinutes(1)), None);

        await Storage.Reminders.RemoveAsync("campaign/1", "drop", None);
        await Storage.Reminders.RemoveAsync("campaign/1", "drop", None);

        Assert.Equal([keep], await Storage.Reminders.ReadAllAsync(None));
    }
}
