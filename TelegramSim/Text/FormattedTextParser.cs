using System.Text;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Text;

/// <summary>Turns text with a Bot API parse_mode (HTML, MarkdownV2, Markdown) into plain text and entities,
/// refusing malformed markup with Telegram's "can't parse entities" errors. Offsets are UTF-16, as Telegram's.</summary>
internal static class FormattedTextParser
{
    public static (string Text, IReadOnlyList<SimEntity> Entities) Parse(string text, string? parseMode)
    {
        if (string.IsNullOrEmpty(parseMode)) return (text, []);
        return parseMode.ToLowerInvariant() switch
        {
            "html" => ParseHtml(text),
            "markdownv2" => ParseMarkdown(text, v2: true),
            "markdown" => ParseMarkdown(text, v2: false),
            _ => throw SimErrors.BadRequest("unsupported parse_mode"),
        };
    }

    private static SimException CantParse(string why) => SimErrors.BadRequest("can't parse entities: " + why, "ENTITY_BOUNDS_INVALID");

    // ---- HTML ----

    private static readonly Dictionary<string, string> HtmlTags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b"] = "bold", ["strong"] = "bold", ["i"] = "italic", ["em"] = "italic", ["u"] = "underline", ["ins"] = "underline",
        ["s"] = "strikethrough", ["strike"] = "strikethrough", ["del"] = "strikethrough", ["code"] = "code", ["pre"] = "pre",
        ["a"] = "text_link", ["tg-spoiler"] = "spoiler", ["span"] = "spoiler", ["blockquote"] = "blockquote", ["tg-emoji"] = "custom_emoji",
    };

    private static (string, IReadOnlyList<SimEntity>) ParseHtml(string html)
    {
        var sb = new StringBuilder(html.Length);
        var entities = new List<SimEntity>();
        var open = new Stack<(string Tag, string Type, int Start, string? Url, int ByteOffset)>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0) throw CantParse($"Unclosed start tag at byte offset {ByteOffset(html, i)}");
                var inner = html[(i + 1)..end].Trim();
                if (inner.StartsWith('/'))
                {
                    var name = inner[1..].Trim();
                    if (open.Count == 0 || !string.Equals(open.Peek().Tag, name, StringComparison.OrdinalIgnoreCase))
                        throw CantParse($"Unmatched end tag at byte offset {ByteOffset(html, i)}, expected \"</{(open.Count > 0 ? open.Peek().Tag : "")}>\", found \"</{name}>\"");
                    var (tag, type, start, url, _) = open.Pop();
                    if (sb.Length > start)
                    {
                        // <pre><code class="language-x"> is one pre entity with a language.
                        if (type == "code" && open.Count > 0 && open.Peek().Type == "pre" && url is not null)
                            entities.Add(new SimEntity("pre", start, sb.Length - start, Language: url));
                        else if (type == "code" && open.Count > 0 && open.Peek().Type == "pre") { }
                        else entities.Add(new SimEntity(type, start, sb.Length - start, Url: type == "text_link" ? url : null,
                            Language: type == "pre" ? url : null, CustomEmojiId: type == "custom_emoji" ? url : null));
                    }
                    _ = tag;
                }
                else
                {
                    var space = inner.IndexOfAny([' ', '\t', '\n']);
                    var name = space < 0 ? inner : inner[..space];
                    var attrs = space < 0 ? "" : inner[space..];
                    if (!HtmlTags.TryGetValue(name, out var type)) throw CantParse($"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}");
                    string? arg = null;
                    if (type == "text_link")
                    {
                        arg = Attribute(attrs, "href");
                        if (string.IsNullOrEmpty(arg)) throw CantParse($"Can't find end of href attribute at byte offset {ByteOffset(html, i)}");
                        if (arg.StartsWith("tg://user?id=", StringComparison.Ordinal)) type = "text_mention";
                    }
                    else if (type == "code") arg = Attribute(attrs, "class") is { } cls && cls.StartsWith("language-", StringComparison.Ordinal) ? cls[9..] : null;
                    else if (type == "custom_emoji") arg = Attribute(attrs, "emoji-id");
                    else if (name.Equals("span", StringComparison.OrdinalIgnoreCase) && Attribute(attrs, "class") != "tg-spoiler")
                        throw CantParse($"Unsupported start tag \"span\" at byte offset {ByteOffset(html, i)}");
                    open.Push((name, type, sb.Length, arg, ByteOffset(html, i)));
                }
                i = end + 1;
            }
            else if (c == '&')
            {
                var semi = html.IndexOf(';', i);
                var entity = semi > i ? html[(i + 1)..semi] : "";
                string? decoded = entity switch
                {
                    "lt" => "<", "gt" => ">", "amp" => "&", "quot" => "\"", "apos" => "'", "nbsp" => "\u00A0",
                    _ when entity.StartsWith("#x", StringComparison.OrdinalIgnoreCase) && int.TryParse(entity[2..], System.Globalization.NumberStyles.HexNumber, null, out var hx) => char.ConvertFromUtf32(hx),
                    _ when entity.StartsWith('#') && int.TryParse(entity[1..], out var dc) => char.ConvertFromUtf32(dc),
                    _ => null,
                };
                if (decoded is null) { sb.Append('&'); i++; }
                else { sb.Append(decoded); i = semi + 1; }
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        if (open.Count > 0) throw CantParse($"Can't find end tag corresponding to start tag \"{open.Peek().Tag}\"");
        entities.Sort((a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : b.Length.CompareTo(a.Length));
        return (sb.ToString(), entities);
    }

    private static string? Attribute(string attrs, string name)
    {
        var at = attrs.IndexOf(name + "=", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var rest = attrs[(at + name.Length + 1)..].TrimStart();
        if (rest.Length == 0) return null;
        var quote = rest[0];
        if (quote is '"' or '\'')
        {
            var close = rest.IndexOf(quote, 1);
            return close < 0 ? null : System.Net.WebUtility.HtmlDecode(rest[1..close]);
        }
        var stop = rest.IndexOfAny([' ', '\t', '\n']);
        return stop < 0 ? rest : rest[..stop];
    }

    private static int ByteOffset(string s, int charIndex) => Encoding.UTF8.GetByteCount(s.AsSpan(0, charIndex));

    // ---- Markdown (legacy) and MarkdownV2 ----

    private const string ReservedV2 = "_*[]()~`>#+-=|{}.!";

    private static (string, IReadOnlyList<SimEntity>) ParseMarkdown(string md, bool v2)
    {
        var sb = new StringBuilder(md.Length);
        var entities = new List<SimEntity>();
        var open = new List<(string Marker, string Type, int Start, int ByteOffset)>();
        var i = 0;
        while (i < md.Length)
        {
            var c = md[i];
            if (c == '\\' && v2 && i + 1 < md.Length)
            {
                sb.Append(md[i + 1]);
                i += 2;
                continue;
            }
            if (c == '`')
            {
                var fence = v2 && md.AsSpan(i).StartsWith("```") ? "```" : "`";
                var close = md.IndexOf(fence, i + fence.Length, StringComparison.Ordinal);
                if (close < 0) throw CantParse($"Can't find end of {(fence == "`" ? "Code" : "Pre")} entity at byte offset {ByteOffset(md, i)}");
                var body = md[(i + fence.Length)..close];
                string? language = null;
                if (fence == "```")
                {
                    var nl = body.IndexOf('\n');
                    if (nl >= 0 && body[..nl].Trim().Length > 0 && !body[..nl].Contains(' ')) { language = body[..nl].Trim(); body = body[(nl + 1)..]; }
                    else if (nl == 0) body = body[1..];
                }
                if (v2) body = body.Replace("\\`", "`").Replace("\\\\", "\\");
                var start = sb.Length;
                sb.Append(body);
                if (body.Length > 0) entities.Add(new SimEntity(fence == "```" ? "pre" : "code", start, body.Length, Language: language));
                i = close + fence.Length;
                continue;
            }
            if (c == '[')
            {
                var closeText = FindUnescaped(md, ']', i + 1, v2);
                if (closeText > 0 && closeText + 1 < md.Length && md[closeText + 1] == '(')
                {
                    var closeUrl = FindUnescaped(md, ')', closeText + 2, v2);
                    if (closeUrl < 0) throw CantParse($"Can't find end of a URL at byte offset {ByteOffset(md, closeText + 1)}");
                    var inner = ParseMarkdown(md[(i + 1)..closeText], v2);
                    var url = md[(closeText + 2)..closeUrl];
                    if (v2) url = url.Replace("\\)", ")").Replace("\\\\", "\\");
                    var start = sb.Length;
                    sb.Append(inner.Item1);
                    foreach (var e in inner.Item2) entities.Add(e with { Offset = e.Offset + start });
                    var type = url.StartsWith("tg://user?id=", StringComparison.Ordinal) ? "text_mention" : "text_link";
                    if (inner.Item1.Length > 0) entities.Add(new SimEntity(type, start, inner.Item1.Length, Url: url));
                    i = closeUrl + 1;
                    continue;
                }
                if (v2) throw CantParse($"Character '[' is reserved and must be escaped with the preceding '\\'");
            }
            var (marker, kind) = MarkerAt(md, i, v2);
            if (marker is not null)
            {
                var idx = open.FindLastIndex(o => o.Marker == marker);
                if (idx >= 0)
                {
                    var o = open[idx];
                    open.RemoveAt(idx);
                    if (sb.Length > o.Start) entities.Add(new SimEntity(o.Type, o.Start, sb.Length - o.Start));
                }
                else open.Add((marker, kind!, sb.Length, ByteOffset(md, i)));
                i += marker.Length;
                continue;
            }
            if (v2 && ReservedV2.Contains(c)) throw CantParse($"Character '{c}' is reserved and must be escaped with the preceding '\\'");
            sb.Append(c);
            i++;
        }
        if (open.Count > 0)
        {
            var o = open[^1];
            throw CantParse($"Can't find end of {Title(o.Type)} entity at byte offset {o.ByteOffset}");
        }
        entities.Sort((a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : b.Length.CompareTo(a.Length));
        return (sb.ToString(), entities);
    }

    private static (string? Marker, string? Type) MarkerAt(string md, int i, bool v2)
    {
        var rest = md.AsSpan(i);
        if (v2)
        {
            if (rest.StartsWith("||")) return ("||", "spoiler");
            if (rest.StartsWith("__")) return ("__", "underline");
            if (rest[0] == '*') return ("*", "bold");
            if (rest[0] == '_') return ("_", "italic");
            if (rest[0] == '~') return ("~", "strikethrough");
            return (null, null);
        }
        if (rest[0] == '*') return ("*", "bold");
        if (rest[0] == '_') return ("_", "italic");
        return (null, null);
    }

    private static int FindUnescaped(string s, char c, int from, bool v2)
    {
        for (var i = from; i < s.Length; i++)
        {
            if (v2 && s[i] == '\\') { i++; continue; }
            if (s[i] == c) return i;
        }
        return -1;
    }

    private static string Title(string type) => type switch
    {
        "bold" => "Bold",
        "italic" => "Italic",
        "underline" => "Underline",
        "strikethrough" => "Strikethrough",
        "spoiler" => "Spoiler",
        _ => type,
    };
}
