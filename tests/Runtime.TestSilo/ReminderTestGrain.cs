using Cluster.Runtime.Membership;

namespace Cluster.Runtime.TestSiloApp;

/// <summary>Registers a reminder on request and records every tick it receives.</summary>
[GrainType("reminder")]
public sealed class ReminderTestGrain(ActivationRecorder recorder, ISiloMembership membership) : Grain, IReminderTestGrain, IRemindable
{
    public async Task StartReminderAsync(int periodMilliseconds) =>
        await RegisterOrUpdateReminder("tick", TimeSpan.FromMilliseconds(periodMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        recorder.Record("remind", GrainId, membership.LocalSiloId);
        return Task.CompletedTask;
    }
}
