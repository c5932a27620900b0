using System.Net;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Configuration;

/// <summary>Stops the silo at start when <see cref="SiloOptions"/> are invalid, naming each setting; also checks that
/// the grain hand-over (<c>Cluster:DrainTimeout</c>) fits inside the shutdown timeout.</summary>
internal sealed class SiloOptionsValidator(IOptions<ClusterRuntimeOptions> cluster) : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        const string section = SiloOptions.SectionName;
        if (options.HttpPort is < 1 or > 65535) errors.Add($"{section}:HttpPort must be between 1 and 65535 (was {options.HttpPort}).");
        if (!IPAddress.TryParse(options.ListenAddress, out _)) errors.Add($"{section}:ListenAddress must be an IP address (was '{options.ListenAddress}').");
        if (options.ShutdownTimeout <= TimeSpan.Zero) errors.Add($"{section}:ShutdownTimeout must be positive (was {options.ShutdownTimeout}).");
        if (options.ReadinessTimeout <= TimeSpan.Zero) errors.Add($"{section}:ReadinessTimeout must be positive (was {options.ReadinessTimeout}).");
        if (string.IsNullOrWhiteSpace(options.PublicHost)) errors.Add($"{section}:PublicHost must not be empty.");
        var drain = cluster.Value.DrainTimeout;
        if (options.ShutdownTimeout > TimeSpan.Zero && drain >= options.ShutdownTimeout)
            errors.Add($"Cluster:DrainTimeout ({drain}) must be shorter than {section}:ShutdownTimeout ({options.ShutdownTimeout}), or the process would be stopped before its grains are handed over.");
        if (options.HttpPort > 0 && options.HttpPort == cluster.Value.SiloPort)
            errors.Add($"{section}:HttpPort and Cluster:SiloPort must differ (both are {options.HttpPort}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
