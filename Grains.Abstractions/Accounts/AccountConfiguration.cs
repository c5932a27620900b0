namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>How to run one Telegram user account, as set by /add_worker or the dashboard.
/// <see cref="ApiHash"/> is a secret: it is stored, never returned in a status and never logged.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AccountConfiguration")]
public sealed record AccountConfiguration
{
    /// <summary>Telegram's api_id from my.telegram.org.</summary>
    [Id(0)]
    public required int ApiId { get; init; }

    /// <summary>Telegram's api_hash from my.telegram.org (secret).</summary>
    [Id(1)]
    public required string ApiHash { get; init; }

    /// <summary>The phone number in international form (+15551234567); may be given later as a login step.</summary>
    [Id(2)]
    public string? PhoneNumber { get; init; }

    /// <summary>A name for admins ("worker 3"); optional.</summary>
    [Id(3)]
    public string? Label { get; init; }

    /// <summary>Whether the account should run (and be kept running by the always-on keeper). Default true.</summary>
    [Id(4)]
    public bool Enabled { get; init; } = true;

    /// <summary>Most forwards/copies/sends per clock hour; null takes the silo default.</summary>
    [Id(5)]
    public int? HourlySendLimit { get; init; }

    /// <summary>Most forwards/copies/sends per UTC day; null takes the silo default.</summary>
    [Id(6)]
    public int? DailySendLimit { get; init; }

    /// <summary>Whether the account has Telegram Premium (higher limits, preferred by campaigns). Default false.</summary>
    [Id(7)]
    public bool IsPremium { get; init; }

    public override string ToString()
        => $"AccountConfiguration {{ ApiId = {ApiId}, ApiHash = ***, Label = {Label}, Enabled = {Enabled}, HourlySendLimit = {HourlySendLimit}, DailySendLimit = {DailySendLimit} }}";
}
