namespace Cluster.AdminBot.Formatting;

/// <summary>Masks phone numbers for replies and the audit log: the country part and the last two digits stay.</summary>
public static class PhoneMask
{
    public static string Mask(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return "-";
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 5) return "***";
        return "+" + digits[..2] + new string('*', digits.Length - 4) + digits[^2..];
    }
}
