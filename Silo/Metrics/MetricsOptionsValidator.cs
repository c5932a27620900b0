using Microsoft.Extensions.Options;

namespace Cluster.Silo.Metrics;

/// <summary>Refuses metrics settings the exporter cannot use: no series allowed, or bucket bounds that are empty, not
/// positive or not ascending.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxSeriesPerInstrument < 1)
            failures.Add($"{MetricsOptions.SectionName}:MaxSeriesPerInstrument must be at least 1 (it is {options.MaxSeriesPerInstrument}).");
        var bounds = options.EffectiveMillisecondBuckets;
        if ( bounds.Any(b => b <= 0 || double.IsNaN(b) || double.IsInfinity(b)) || bounds.Zip(bounds.Skip(1)).Any(p => p.Second <= p.First))
            failures.Add($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.MillisecondBuckets)} must be finite positive bounds in ascending order (it is [{string.Join(", ", bounds)}]).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
