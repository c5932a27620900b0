namespace Cluster.Runtime.TestSiloApp;

/// <summary>A resource-aware grain holding one unit of "sessions", like a Telegram account.</summary>
public interface ISessionTestGrain : IGrainWithStringKey
{
    Task<string> WhereAsync();
}
