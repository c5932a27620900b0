using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>Refuses membership timings that would break failure detection or self-fencing, naming the
/// settings involved, so a silo with a bad configuration does not start.</summary>
internal sealed class MembershipOptionsValidator : IValidateOptions<MembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, MembershipOptions options)
    {
        var errors = new List<string>();
        const string section = MembershipOptions.SectionName;
        if (options.HeartbeatInterval <= TimeSpan.Zero)
            errors.Add($"{section}:HeartbeatInterval must be positive (was {options.HeartbeatInterval}).");
        if (options.DeathTimeout <= options.HeartbeatInterval)
            errors.Add($"{section}:DeathTimeout ({options.DeathTimeout}) must be longer than {section}:HeartbeatInterval ({options.HeartbeatInterval}).");
        if (options.Lease >= options.DeathTimeout)
            errors.Add($"{section}:Lease ({options.Lease}) must be shorter than {section}:DeathTimeout ({options.DeathTimeout}), or a fenced silo could still run grains another silo took over.");
        if (options.Lease <= options.HeartbeatInterval)
            errors.Add($"{section}:Lease ({options.Lease}) must be longer than {section}:HeartbeatInterval ({options.HeartbeatInterval}), or the silo would fence itself between two heartbeats.");
        if (options.RemoveDeadAfter <= options.DeathTimeout)
            errors.Add($"{section}:RemoveDeadAfter ({options.RemoveDeadAfter}) must be longer than {section}:DeathTimeout ({options.DeathTimeout}).");
        if (options.Address is { Length: > 0 } address && !Uri.TryCreate(address, UriKind.Absolute, out _))
            errors.Add($"{section}:Address '{address}' is not an absolute URI such as http://host:port.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
