namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Settings of the TDLib account adapter, bound from the configuration section
/// <c>Telegram:Tdlib</c>. The api_id/api_hash come per account with <see cref="AccountConnection"/>.</summary>
public sealed class TdlibOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Telegram:Tdlib";

    /// <summary>Path of libtdjson.so; default none: TDJSON_PATH, then tools/tdlib/ (install script) above the app or current directory.</summary>
    public string? LibraryPath { get; set; }

    /// <summary>TDLib's own log verbosity (0 fatal only ... 5 debug), set once per process; default 1 (errors).</summary>
    public int LogVerbosity { get; set; } = 1;

    /// <summary>How long a request to TDLib may take before it fails with a TimeoutException; default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the next part of an album before emitting it; each part restarts the wait; default 800 ms.</summary>
    public TimeSpan AlbumBufferDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>How long closing a client may take (until authorizationStateClosed); default 15 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Starts clients with TDLib's network type "none", so they never connect; for tests and offline tools; default false.</summary>
    public bool DisableNetwork { get; set; }

    /// <summary>Uses Telegram's test data centers instead of production; default false.</summary>
    public bool UseTestDc { get; set; }

    /// <summary>Keeps chats and users in TDLib's database (faster restarts); default true.</summary>
    public bool UseChatInfoDatabase { get; set; } = true;

    /// <summary>Keeps messages in TDLib's database (history survives restarts); default true.</summary>
    public bool UseMessageDatabase { get; set; } = true;

    /// <summary>Keeps file metadata in TDLib's database; default true.</summary>
    public bool UseFileDatabase { get; set; } = true;

    /// <summary>Language code of the "device" reported to Telegram; default "en".</summary>
    public string SystemLanguageCode { get; set; } = "en";

    /// <summary>Device model reported to Telegram (shown in the account's active sessions); default "Cluster".</summary>
    public string DeviceModel { get; set; } = "Cluster";

    /// <summary>Operating system version reported to Telegram; default empty (TDLib detects it).</summary>
    public string SystemVersion { get; set; } = "";

    /// <summary>Application version reported to Telegram; default "1.0".</summary>
    public string ApplicationVersion { get; set; } = "1.0";
}
