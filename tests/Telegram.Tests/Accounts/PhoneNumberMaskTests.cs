using Cluster.Telegram.Accounts;

namespace Cluster.Telegram.Tests.Accounts;

public class PhoneNumberMaskTests
{
    [Theory]
    [InlineData("+44 7700 900123", "+44********23")]
    [InlineData("15551234567", "+15*******67")]
    [InlineData("123", "+***")]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    public void Keeps_only_the_prefix_and_last_two_digits(string? phone, string? expected)
        => Assert.Equal(expected, PhoneNumberMask.Mask(phone));
}
