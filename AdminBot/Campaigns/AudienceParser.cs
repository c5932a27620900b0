using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Telegram.Accounts;

namespace Cluster.AdminBot.Campaigns;

/// <summary>Reads an audience: one recipient per line (a user id, @username or +phone), or CSV whose first line is a header
/// naming a column "recipient" (or "user", "username", "phone", "id") and further columns that become the message's
/// variables (e.g. first_name). Blank lines and lines starting with # are ignored. A bad line is reported by its number and
/// the rest is imported.</summary>
public static class AudienceParser
{
    private static readonly string[] ReferenceColumns = ["recipient", "user", "username", "phone", "id", "user_id"];

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A sent file's text: UTF-8, a leading byte order mark dropped; throws <see cref="System.Text.DecoderFallbackException"/>
    /// when the bytes are not UTF-8 (e.g. a CSV saved as Windows-1251).</summary>
    public static string DecodeUtf8(byte[] content)
    {
        var text = StrictUtf8.GetString(content);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    public static AudienceImport Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var recipients = new List<CampaignRecipient>();
        var bad = new List<string>();
        string[]? header = null;
        var referenceColumn = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Contains(',') || line.Contains(';') ? SplitCsv(line, line.Contains(';') && !line.Contains(',') ? ';' : ',') : [line];
            if (header is null && recipients.Count == 0 && bad.Count == 0 && cells.Length > 1
                && cells.Select(c => c.Trim().ToLowerInvariant()).FirstOrDefault(c => ReferenceColumns.Contains(c)) is { } column)
            {
                header = cells.Select(c => c.Trim().ToLowerInvariant()).ToArray();
                referenceColumn = Array.IndexOf(header, column);
                continue;
            }
            if (header is not null && cells.Length != header.Length)
            {
                bad.Add($"line {i + 1}: {cells.Length} columns, the header has {header.Length}");
                continue;
            }
            var cell = cells[header is null ? 0 : referenceColumn].Trim();
            if (!UserReference.TryParse(cell, out var reference, out var error))
            {
                bad.Add($"line {i + 1}: {error}");
                continue;
            }
            Dictionary<string, string>? variables = null;
            if (header is not null)
            {
                variables = [];
                for (var c = 0; c < header.Length; c++)
                    if (c != referenceColumn && cells[c].Trim().Length > 0) variables[header[c]] = cells[c].Trim();
            }
            recipients.Add(new CampaignRecipient(reference.ToString(), variables));
        }
        return new AudienceImport(recipients, bad);
    }

    /// <summary>A CSV line's cells; double quotes protect separators and "" is a quote.</summary>
    private static string[] SplitCsv(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}
