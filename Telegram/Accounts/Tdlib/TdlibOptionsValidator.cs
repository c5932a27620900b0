using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Checks <see cref="TdlibOptions"/> at start, naming the setting that is wrong.</summary>
public sealed class TdlibOptionsValidator : IValidateOptions<TdlibOptions>
{
    public ValidateOptionsResult Validate(string? name, TdlibOptions options)
    {
        var errors = new List<string>();
        const string s = TdlibOptions.SectionName;
        if (options.LogVerbosity is < 0 or > 1024)
        {
            errors.Add($"{s}:LogVerbosity must be between 0 and 1024 (was {options.LogVerbosity}).");
        }
        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{s}:RequestTimeout must be positive (was {options.RequestTimeout}).");
        }
        if (options.AlbumBufferDelay < TimeSpan.Zero || options.AlbumBufferDelay > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{s}:AlbumBufferDelay must be between 0 and 30 s (was {options.AlbumBufferDelay}).");
        }
        if (options.CloseTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{s}:CloseTimeout must be positive (was {options.CloseTimeout}).");
        }
        if (string.IsNullOrWhiteSpace(options.SystemLanguageCode))
        {
            errors.Add($"{s}:SystemLanguageCode must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(options.DeviceModel))
        {
            errors.Add($"{s}:DeviceModel must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(options.ApplicationVersion))
        {
            errors.Add($"{s}:ApplicationVersion must not be empty.");
        }
        if (options.LibraryPath is { Length: > 0 } path && !File.Exists(path))
        {
            errors.Add($"{s}:LibraryPath names {path}, which does not exist. {TdlibNotFoundException.InstallHint}");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
