using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Abstractions.Configuration;

/// <summary>Start-up validation for the grains' options classes, whose <c>Validate()</c> throws an ArgumentException naming
/// the setting: the message becomes an options validation failure, so the host reports it as a configuration error
/// (the silo's exit code 2) rather than as a crash.</summary>
public static class OptionsBuilderValidationExtensions
{
    public static OptionsBuilder<TOptions> ValidateWith<TOptions>(this OptionsBuilder<TOptions> builder, Action<TOptions> validate)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new ThrowingOptionsValidator<TOptions>(builder.Name, validate));
        return builder.ValidateOnStart();
    }

    private sealed class ThrowingOptionsValidator<TOptions>(string? name, Action<TOptions> validate) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (name is not null && name != optionsName) return ValidateOptionsResult.Skip;
            try
            {
                validate(options);
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException invalid)
            {
                return ValidateOptionsResult.Fail(invalid.Message);
            }
        }
    }
}
