namespace Cluster.Runtime.TestSiloApp;

/// <summary>An always-on grain that records each of its activations (see <see cref="ActivationRecorder"/>).</summary>
public interface IAlwaysOnTestGrain : IGrainWithStringKey
{
    /// <summary>The id of the silo hosting this activation.</summary>
    Task<string> WhereAsync();
}
