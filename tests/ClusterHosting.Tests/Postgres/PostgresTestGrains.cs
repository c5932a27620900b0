using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace Cluster.Hosting.Tests.Postgres;

/// <summary>A counter kept in the "Default" grain storage (the ADO.NET provider in the silo tests).</summary>
public interface IPgCounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);

    Task<PgCounterReading> ReadAsync();

    Task DeactivateAsync();
}

[GenerateSerializer]
public sealed class PgCounterState
{
    [Id(0)]
    public int Value { get; set; }
}

[GenerateSerializer]
public sealed class PgCounterReading
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public string? ETag { get; set; }

    [Id(2)]
    public bool RecordExists { get; set; }

    /// <summary>Differs between activations: proves a read came from a new activation (so from the database).</summary>
    [Id(3)]
    public Guid Activation { get; set; }
}

public sealed class PgCounterGrain([PersistentState("counter", "Default")] IPersistentState<PgCounterState> state)
    : Grain, IPgCounterGrain
{
    public const string StateName = "counter";

    private readonly Guid activation = Guid.NewGuid();

    public async Task<int> AddAsync(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<PgCounterReading> ReadAsync() => Task.FromResult(new PgCounterReading
    {
        Value = state.State.Value,
        ETag = state.Etag,
        RecordExists = state.RecordExists,
        Activation = activation,
    });

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>Registers, lists and unregisters a reminder; counts its ticks in <see cref="Ticks"/>.</summary>
public interface IPgReminderGrain : IGrainWithStringKey
{
    Task StartAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task<string[]> ListAsync();

    Task StopAsync(string name);
}

public sealed class PgReminderGrain : Grain, IPgReminderGrain, IRemindable
{
    /// <summary>Ticks per "grain key/reminder name", across activations and silos of the test process.</summary>
    public static readonly ConcurrentDictionary<string, int> Ticks = new();

    public Task StartAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<string[]> ListAsync() =>
        (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToArray();

    public async Task StopAsync(string name)
    {
        var reminder = await this.GetReminder(name);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate($"{this.GetPrimaryKeyString()}/{reminderName}", 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
