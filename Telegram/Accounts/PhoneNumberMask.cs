namespace Cluster.Telegram.Accounts;

/// <summary>Masks a phone number for status records, logs, admin replies and the dashboard: the country prefix and the last two digits stay
/// ("+44*******23"), enough to tell accounts apart, not enough to call them.</summary>
public static class PhoneNumberMask
{
    public static string? Mask(string? phoneNumber)
    {
        if (string.IsNullOrWhiteSpace(phoneNumber)) return null;
        var digits = new string(phoneNumber.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length <= 4) return "+" + new string('*', digits.Length);
        return "+" + digits[..2] + new string('*', digits.Length - 4) + digits[^2..];
    }
}
