using System.Globalization;

namespace Cluster.AdminBot.Formatting;

/// <summary>How replies show times, durations and numbers: short, invariant, the same on Telegram and the command line.</summary>
public static class Show
{
    public static string Duration(TimeSpan span)
    {
        if (span <= TimeSpan.Zero) return "0s";
        if (span.TotalDays >= 1) return $"{(int)span.TotalDays}d {span.Hours}h";
        if (span.TotalHours >= 1) return $"{(int)span.TotalHours}h {span.Minutes}m";
        if (span.TotalMinutes >= 1) return $"{(int)span.TotalMinutes}m {span.Seconds}s";
        return $"{(int)span.TotalSeconds}s";
    }

    public static string Time(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    public static string Ms(double milliseconds) => milliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    public static string Percent(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Bytes(long bytes) => bytes >= 1 << 20
        ? (bytes / (double)(1 << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB";

    /// <summary>A phone number masked as everywhere else (country part and last two digits), "-" when there is none.</summary>
    public static string Phone(string? phone) => Cluster.Telegram.Accounts.PhoneNumberMask.Mask(phone) ?? "-";

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
