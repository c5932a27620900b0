using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Accounts.Sessions;

/// <summary>Checks <see cref="SessionOptions"/> at start: the encryption key must be present and be
/// 32 bytes of base64.</summary>
public sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options) =>
        TryParseKey(options.EncryptionKey, out _, out var error) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);

    /// <summary>Decodes the key, or says what is wrong with it (never quoting it).</summary>
    public static bool TryParseKey(string? base64, out byte[] key, out string error)
    {
        key = [];
        error = "";
        if (string.IsNullOrWhiteSpace(base64))
        {
            error = $"{SessionOptions.EncryptionKeySetting} is missing: set it to 32 random bytes in base64 (e.g. `openssl rand -base64 32`). Session data is stored encrypted with it.";
            return false;
        }
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            error = $"{SessionOptions.EncryptionKeySetting} is not valid base64: it must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`).";
            return false;
        }
        if (decoded.Length != 32)
        {
            error = $"{SessionOptions.EncryptionKeySetting} decodes to {decoded.Length} bytes; it must be exactly 32 (AES-256), e.g. `openssl rand -base64 32`.";
            return false;
        }
        key = decoded;
        return true;
    }
}
