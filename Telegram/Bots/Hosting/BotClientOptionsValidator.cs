using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Bots.Hosting;

/// <summary>Validates <see cref="BotClientOptions"/> when the host starts, with a message naming the wrong setting.</summary>
/// <remarks>The token is checked only for its shape and only when set; its value never appears in the message.</remarks>
internal sealed class BotClientOptionsValidator : IValidateOptions<BotClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BotClientOptions options)
    {
        try
        {
            options.Validate();
            if (options.Token.Length > 0)
                BotClientOptions.ValidateToken(options.Token);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
