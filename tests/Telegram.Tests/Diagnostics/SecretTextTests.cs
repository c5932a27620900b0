using Cluster.Telegram.Diagnostics;

namespace Cluster.Telegram.Tests.Diagnostics;

public sealed class SecretTextTests
{
    [Theory]
    [InlineData("token 7999999999:AAHdemoGuardBotTokenForTheSimulat0r refused", "token 7999999999:*** refused")]
    [InlineData("api_hash 0123456789abcdef0123456789ABCDEF given", "api_hash *** given")]
    [InlineData("call +44 7700 900123 now", "call +44********23 now")]
    [InlineData("account acc-1 sent 12 messages", "account acc-1 sent 12 messages")]
    public void Bot_tokens_api_hashes_and_phone_numbers_are_masked_in_free_text(string text, string masked)
        => Assert.Equal(masked, SecretText.Mask(text));
}
