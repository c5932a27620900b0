using Microsoft.Extensions.Options;

namespace Cluster.Silo.Dashboard;

/// <summary>Stops the silo at start when <see cref="DashboardOptions"/> are out of range, naming each setting.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        const string section = DashboardOptions.SectionName;
        var errors = new List<string>();
        if (options.RefreshInterval < TimeSpan.FromMilliseconds(200)) errors.Add($"{section}:RefreshInterval must be at least 00:00:00.2 (was {options.RefreshInterval}).");
        if (options.LogCapacity is < 1 or > 10_000) errors.Add($"{section}:LogCapacity must be between 1 and 10000 (was {options.LogCapacity}).");
        if (options.MaxDetailedGrains < 0) errors.Add($"{section}:MaxDetailedGrains must not be negative (was {options.MaxDetailedGrains}).");
        if (options.TelegramCacheTime < TimeSpan.Zero) errors.Add($"{section}:TelegramCacheTime must not be negative (was {options.TelegramCacheTime}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
