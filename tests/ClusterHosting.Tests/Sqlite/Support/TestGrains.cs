using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Orleans.Runtime;

namespace Cluster.Hosting.Tests.Sqlite.Support;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public string? LastNote { get; set; }
}

[JsonSerializable(typeof(CounterState))]
public sealed partial class SqliteTestJsonContext : JsonSerializerContext;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync(string note);
    Task<CounterState> GetAsync();
}

public sealed class CounterGrain([PersistentState("counter", SqliteSilo.StorageName)] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync(string note)
    {
        counter.State.Count++;
        counter.State.LastNote = note;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<CounterState> GetAsync() => Task.FromResult(counter.State);
}

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);
    Task UnregisterAsync(string name);
}

/// <summary>Counts its reminder ticks in <see cref="ReminderTicks"/>, which outlives the silo (same process).</summary>
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.Record($"{this.GetPrimaryKeyString()}/{reminderName}");
        return Task.CompletedTask;
    }
}

public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<string, int> ticks = new();

    public static void Record(string key) => ticks.AddOrUpdate(key, 1, (_, count) => count + 1);

    public static int Count(string key) => ticks.GetValueOrDefault(key);

    /// <summary>Waits until <paramref name="key"/> has ticked more than <paramref name="moreThan"/> times; the count.</summary>
    public static async Task<int> WaitForMoreThanAsync(string key, int moreThan, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(key) <= moreThan && DateTime.UtcNow < deadline) await Task.Delay(100);
        return Count(key);
    }
}
