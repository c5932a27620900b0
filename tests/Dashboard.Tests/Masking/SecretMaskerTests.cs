using Cluster.Silo.Dashboard.Masking;

namespace Cluster.Dashboard.Tests.Masking;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Secret_keys_are_masked_at_any_depth_and_phone_numbers_keep_only_prefix_and_last_two_digits()
    {
        const string json = """
            {"configuration":{"apiId":1,"ApiHash":"0123456789abcdef","phoneNumber":"+15550000001","label":"Alice"},
             "protectedApiHash":"ENCRYPTED","token":"123456:ABC","nested":[{"session_data":"AAAA"},{"password":"pw"}],
             "note":"call +44 7700 900123 or use 7999999999:AAHdemoGuardBotTokenForTheSimulat0r"}
            """;

        var masked = SecretMasker.MaskJson(json);

        foreach (var secret in new[] { "0123456789abcdef", "+15550000001", "15550000001", "ENCRYPTED", "123456:ABC", "AAAA", "\"pw\"", "7700 900123", "AAHdemoGuardBotTokenForTheSimulat0r" })
            Assert.DoesNotContain(secret, masked);
        Assert.Contains("+15*******01", masked);
        Assert.Contains("\"Alice\"", masked);
        Assert.Contains("\"apiId\": 1", masked);
        Assert.Contains("7999999999:***", masked);
    }

    [Fact]
    public void Text_that_is_not_json_is_masked_as_text()
        => Assert.Equal("phone +15*******01", SecretMasker.MaskJson("phone +15550000001"));

    [Fact]
    public void An_api_hash_in_a_log_message_is_masked_whatever_its_key()
        => Assert.Equal("login with api_hash *** failed", SecretMasker.MaskText("login with api_hash 0123456789abcdef0123456789abcdef failed"));

    [Theory]
    [InlineData("api_hash", true)]
    [InlineData("BotToken", true)]
    [InlineData("session", true)]
    [InlineData("Blob", true)]
    [InlineData("label", false)]
    [InlineData("sentThisHour", false)]
    public void Secret_key_names_are_recognised(string key, bool secret) => Assert.Equal(secret, SecretMasker.IsSecretKey(key));
}
