namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A protected group's settings, changed by its admins with /settings.</summary>
/// <remarks>WarningDeleteAfterSeconds 0 keeps warnings; the warning text may use {name} for the member's first name.</remarks>
public sealed record GuardSettings
{
    public GuardMode Mode { get; init; } = GuardMode.Mute;
    public string WarningText { get; init; } = "{name}, to write here please join the channels below first, then press \"I have joined\".";
    public int WarningDeleteAfterSeconds { get; init; } = 60;
}
