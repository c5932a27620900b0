using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Client;

/// <summary>Stops the host at start when <see cref="ClusterClientOptions"/> are invalid, naming each setting.</summary>
internal sealed class ClusterClientOptionsValidator : IValidateOptions<ClusterClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterClientOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
