using System.Globalization;

namespace Cluster.Runtime.Tests.Cluster.Failover;

/// <summary>The activation records the test silos write ("start|tick|end grainId siloId utcTicks", one file per silo),
/// read back as activation intervals per grain, to check that two activations of one grain never overlapped.</summary>
internal sealed class ActivationLog
{
    public sealed record Activation(string GrainId, string SiloId, DateTime Start, DateTime LastSeen, bool Ended);

    public sealed record ReminderTick(string GrainId, string SiloId, DateTime At);

    private ActivationLog(IReadOnlyList<Activation> activations, IReadOnlyList<ReminderTick> ticks)
    {
        Activations = activations;
        ReminderTicks = ticks;
    }

    public IReadOnlyList<Activation> Activations { get; }

    /// <summary>Reminder ticks the grains received ("remind" records).</summary>
    public IReadOnlyList<ReminderTick> ReminderTicks { get; }

    public static ActivationLog Read(string directory)
    {
        var activations = new List<Activation>();
        var ticks = new List<ReminderTick>();
        if (!Directory.Exists(directory)) return new ActivationLog(activations, ticks);
        foreach (var file in Directory.GetFiles(directory, "*.log"))
        {
            // Within one silo's file an activation is the run of records from a "start" to the next "start" of that grain.
            var open = new Dictionary<string, Activation>();
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                var parts = line.Split(' ');
                if (parts.Length != 4) continue; // a line torn by kill -9
                var (what, grain, silo) = (parts[0], parts[1], parts[2]);
                var at = new DateTime(long.Parse(parts[3], CultureInfo.InvariantCulture), DateTimeKind.Utc);
                switch (what)
                {
                    case "remind":
                        ticks.Add(new ReminderTick(grain, silo, at));
                        break;
                    case "start":
                        if (open.Remove(grain, out var previous)) activations.Add(previous);
                        open[grain] = new Activation(grain, silo, at, at, false);
                        break;
                    case "tick" or "end" when open.TryGetValue(grain, out var current):
                        open[grain] = current with { LastSeen = at, Ended = what == "end" };
                        if (what == "end") { activations.Add(open[grain]); open.Remove(grain); }
                        break;
                }
            }
            activations.AddRange(open.Values);
        }
        return new ActivationLog(activations, ticks);
    }

    /// <summary>Pairs of activations of one grain whose lifetimes overlap. An activation lives from its start to its
    /// last record, or to <paramref name="endOf"/> of its silo when given (e.g. the moment the silo was killed).</summary>
    public IReadOnlyList<(Activation First, Activation Second)> Overlaps(Func<string, DateTime?>? endOf = null)
    {
        var overlaps = new List<(Activation, Activation)>();
        foreach (var grain in Activations.GroupBy(a => a.GrainId))
        {
            var ordered = grain.OrderBy(a => a.Start).ToList();
            for (var i = 0; i + 1 < ordered.Count; i++)
            {
                var first = ordered[i];
                var end = !first.Ended && endOf?.Invoke(first.SiloId) is { } forced && forced > first.LastSeen ? forced : first.LastSeen;
                if (end >= ordered[i + 1].Start) overlaps.Add((first, ordered[i + 1]));
            }
        }
        return overlaps;
    }

    /// <summary>Grains whose latest activation started after <paramref name="after"/> on one of <paramref name="silos"/>.</summary>
    public IReadOnlySet<string> RestartedOn(IReadOnlyCollection<string> silos, DateTime after) =>
        Activations.GroupBy(a => a.GrainId)
            .Select(g => g.MaxBy(a => a.Start)!)
            .Where(a => a.Start > after && silos.Contains(a.SiloId))
            .Select(a => a.GrainId)
            .ToHashSet();
}
