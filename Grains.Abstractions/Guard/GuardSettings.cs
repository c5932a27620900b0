namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A protected group's settings, changed by its admins with /settings.</summary>
/// <remarks>WarningDeleteAfterSeconds 0 keeps warnings; the warning text may use {name} for the member's first name.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.GuardSettings")]
public sealed record GuardSettings
{
    [Id(0)]
    public GuardMode Mode { get; init; } = GuardMode.Mute;
    [Id(1)]
    public string WarningText { get; init; } = "{name}, to write here please join the channels below first, then press \"I have joined\".";
    [Id(2)]
    public int WarningDeleteAfterSeconds { get; init; } = 60;
}
