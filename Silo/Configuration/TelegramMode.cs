namespace Cluster.Silo.Configuration;

/// <summary>Which Telegram the silo talks to; decided at start from which settings are present.</summary>
public enum TelegramMode
{
    /// <summary>No credentials and no simulator URL: a simulator runs inside this process, seeded with the demo world.</summary>
    EmbeddedSimulator,

    /// <summary><c>Telegram:Simulator:BaseUrl</c> names a simulator running elsewhere (shared by several silos).</summary>
    ExternalSimulator,

    /// <summary><c>Telegram:ApiId</c> and <c>Telegram:ApiHash</c> are set: real Telegram through TDLib.</summary>
    Real,
}
