using System.Net;
using Cluster.Hosting.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Configuration;

/// <summary>Stops the silo at start when <see cref="SiloOptions"/> are invalid, naming each setting; also checks that
/// the HTTP port is not one of the cluster's ports (<c>Cluster:SiloPort</c>, <c>Cluster:GatewayPort</c>).</summary>
internal sealed class SiloOptionsValidator(IConfiguration configuration) : IValidateOptions<SiloOptions>
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
        var cluster = configuration.GetSection(ClusterEndpointOptions.SectionName).Get<ClusterEndpointOptions>() ?? new ClusterEndpointOptions();
        if (options.HttpPort > 0 && options.HttpPort == cluster.SiloPort)
            errors.Add($"{section}:HttpPort and {ClusterEndpointOptions.SectionName}:SiloPort must differ (both are {options.HttpPort}).");
        if (options.HttpPort > 0 && options.HttpPort == cluster.GatewayPort)
            errors.Add($"{section}:HttpPort and {ClusterEndpointOptions.SectionName}:GatewayPort must differ (both are {options.HttpPort}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
