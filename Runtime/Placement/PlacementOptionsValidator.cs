using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Placement;

/// <summary>Refuses placement settings that cannot work, naming the setting.</summary>
internal sealed class PlacementOptionsValidator : IValidateOptions<PlacementOptions>
{
    public ValidateOptionsResult Validate(string? name, PlacementOptions options)
    {
        var errors = new List<string>();
        const string section = PlacementOptions.SectionName;
        if (options.OverflowPollInterval <= TimeSpan.Zero) errors.Add($"{section}:OverflowPollInterval must be positive (was {options.OverflowPollInterval}).");
        if (options.PendingPlacementWindow < TimeSpan.Zero) errors.Add($"{section}:PendingPlacementWindow must not be negative (was {options.PendingPlacementWindow}).");
        if (options.NoSiloWait < TimeSpan.Zero) errors.Add($"{section}:NoSiloWait must not be negative (was {options.NoSiloWait}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
