using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>Stops the host at start when <see cref="ClusterRuntimeOptions"/> are invalid, naming each setting.</summary>
internal sealed class ClusterRuntimeOptionsValidator : IValidateOptions<ClusterRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterRuntimeOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
