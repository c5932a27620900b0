using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Rebalancing;

/// <summary>Refuses rebalancing settings that would flap or never act, naming the settings.</summary>
internal sealed class RebalancingOptionsValidator : IValidateOptions<RebalancingOptions>
{
    public ValidateOptionsResult Validate(string? name, RebalancingOptions options)
    {
        var errors = new List<string>();
        const string section = RebalancingOptions.SectionName;
        if (options.Interval <= TimeSpan.Zero) errors.Add($"{section}:Interval must be positive (was {options.Interval}).");
        if (options.StopTolerance < 0) errors.Add($"{section}:StopTolerance must not be negative (was {options.StopTolerance}).");
        if (options.StartTolerance <= options.StopTolerance)
            errors.Add($"{section}:StartTolerance ({options.StartTolerance}) must be greater than {section}:StopTolerance ({options.StopTolerance}), or moves would flap.");
        if (options.MinimumSpread < 1) errors.Add($"{section}:MinimumSpread must be at least 1 (was {options.MinimumSpread}).");
        if (options.MaxMovesPerRound < 1) errors.Add($"{section}:MaxMovesPerRound must be at least 1 (was {options.MaxMovesPerRound}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
