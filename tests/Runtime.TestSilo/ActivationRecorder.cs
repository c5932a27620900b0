using System.Globalization;
using System.Text;

namespace Cluster.Runtime.TestSiloApp;

/// <summary>Appends one line per activation event ("start|tick|end grainId siloId utcTicks") to this silo's own file
/// in <c>TestSilo:RecordDirectory</c>. Each line is written straight to the OS (no user-space buffer), so a kill -9
/// loses nothing already recorded: the page cache outlives the process. One file per silo avoids interleaving.</summary>
public sealed class ActivationRecorder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream? _file;

    public ActivationRecorder(IConfiguration configuration, Membership.ISiloMembership membership)
    {
        var directory = configuration["TestSilo:RecordDirectory"];
        TickInterval = configuration.GetValue("TestSilo:TickInterval", TimeSpan.Zero);
        if (string.IsNullOrEmpty(directory)) return;
        Directory.CreateDirectory(directory);
        _file = new FileStream(Path.Combine(directory, $"{membership.LocalSiloId}.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    }

    /// <summary>How often an activation records that it is still running; zero records no ticks.</summary>
    public TimeSpan TickInterval { get; }

    public void Record(string what, GrainId grainId, string siloId)
    {
        if (_file is null) return;
        var line = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{what} {grainId} {siloId} {DateTime.UtcNow.Ticks}\n"));
        lock (_gate) _file.Write(line);
    }

    public void Dispose() => _file?.Dispose();
}
