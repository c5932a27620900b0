namespace Cluster.Runtime.TestSiloApp;

/// <summary>A grain with a durable reminder whose ticks are recorded ("remind" lines), to prove reminders survive silo loss.</summary>
public interface IReminderTestGrain : IGrainWithStringKey
{
    Task StartReminderAsync(int periodMilliseconds);
}
