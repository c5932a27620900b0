using System.Globalization;
using System.Text.RegularExpressions;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>The label rule of /metrics, checked on every label value of a scrape: nothing that looks like a phone number,
/// a Telegram user or chat id (7 digits or more, alone or in a run), or a bot token (<c>123456:AA...</c>), and none of
/// the chat ids the test knows. Bucket bounds (<c>le</c>) are numbers by design; the silo's Orleans address
/// (<c>silo_id</c>, host:port:generation) carries its generation number, and an id hashed by <c>MetricLabels.Id</c>
/// (<c>id-</c> and 12 hex digits) may hold a run of digits by chance: those two are allowed digits.</summary>
internal static partial class LabelRules
{
    public static void AssertNoIdentifiers(IReadOnlyDictionary<string, PrometheusFamily> families, IEnumerable<long> knownChatIds)
    {
        var chats = knownChatIds.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var family in families.Values)
        foreach (var sample in family.Samples)
        foreach (var (name, value) in sample.Labels)
        {
            var where = $"{sample.Name} label {name}=\"{value}\"";
            Assert.False(BotToken().IsMatch(value), $"{where} looks like a bot token");
            foreach (var chat in chats) Assert.False(value.Contains(chat, StringComparison.Ordinal), $"{where} holds chat id {chat}");
            if (name is "le" || (name == "silo_id" && family.Name == "cluster_silo_info") || HashedId().IsMatch(value)) continue;
            var digits = value.Count(char.IsAsciiDigit);
            Assert.False(digits >= 7 && PhoneShape().IsMatch(value), $"{where} looks like a phone number or a chat or user id");
            Assert.False(DigitRun().IsMatch(value), $"{where} holds a run of 7 digits or more (a phone number, a chat or user id)");
        }
    }

    [GeneratedRegex(@"\d{5,}:[A-Za-z0-9_-]{20,}")]
    private static partial Regex BotToken();

    [GeneratedRegex(@"^[+\-]?[\d\s().\-]+$")]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"^id-[0-9a-f]{12}$")]
    private static partial Regex HashedId();

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex DigitRun();
}
