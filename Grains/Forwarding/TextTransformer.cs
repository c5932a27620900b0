using System.Text.RegularExpressions;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Forwarding;

/// <summary>A copying pair's text replacements, caption header and footer, compiled once at configuration time.
/// Entity offsets follow the text: an entity around a replaced span grows or shrinks with it, one after it moves,
/// one cut by a replacement's edge (or by truncation to Telegram's length limit) is dropped rather than misplaced.</summary>
public sealed class TextTransformer
{
    /// <summary>Telegram's longest message text, in UTF-16 units.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Telegram's longest media caption for a non-premium account, in UTF-16 units.</summary>
    public const int MaxCaptionLength = 1024;

    private readonly (Regex Regex, string Replacement, bool IsRegex)[] _rules;
    private readonly string _header;
    private readonly string _footer;

    private TextTransformer((Regex, string, bool)[] rules, string header, string footer)
    {
        _rules = rules;
        _header = header;
        _footer = footer;
    }

    /// <summary>Changes nothing.</summary>
    public static TextTransformer Identity { get; } = new([], string.Empty, string.Empty);

    /// <summary>Whether <see cref="Apply"/> returns its input unchanged (apart from truncation).</summary>
    public bool IsIdentity => _rules.Length == 0 && _header.Length == 0 && _footer.Length == 0;

    /// <summary>Compiles the replacements; throws ArgumentException naming the first invalid pattern.</summary>
    public static TextTransformer Create(IReadOnlyList<TextReplacement> replacements, string? header, string? footer, TimeSpan regexTimeout)
    {
        var rules = new (Regex, string, bool)[replacements.Count];
        for (var i = 0; i < replacements.Count; i++)
        {
            var r = replacements[i];
            var setting = $"Replacements[{i}].Pattern";
            var regex = r.IsRegex
                ? PatternCompiler.Compile(r.Pattern, setting, regexTimeout, r.IgnoreCase)
                : PatternCompiler.Literal(r.Pattern, setting, regexTimeout, r.IgnoreCase);
            rules[i] = (regex, r.Replacement, r.IsRegex);
        }
        return new TextTransformer(rules, header ?? string.Empty, footer ?? string.Empty);
    }

    /// <summary>Applies replacements, then header and footer, then fits the result into <paramref name="maxLength"/>
    /// (shortening the body, never the header or footer, when it can).</summary>
    public MessageText Apply(MessageText input, int maxLength = MaxTextLength)
    {
        var text = input.Text;
        var entities = input.Entities.Select(e => new Span(e)).ToList();

        foreach (var rule in _rules)
        {
            List<Match> matches;
            try
            {
                matches = rule.Regex.Matches(text).ToList();
            }
            catch (RegexMatchTimeoutException)
            {
                continue; // a pathological text leaves this rule unapplied rather than stalling the pair
            }
            for (var m = matches.Count - 1; m >= 0; m--)
            {
                var match = matches[m];
                var replacement = rule.IsRegex ? match.Result(rule.Replacement) : rule.Replacement;
                text = string.Concat(text.AsSpan(0, match.Index), replacement, text.AsSpan(match.Index + match.Length));
                AdjustForReplacement(entities, match.Index, match.Index + match.Length, replacement.Length);
            }
        }

        var prefix = _header.Length == 0 ? string.Empty : text.Length == 0 ? _header : _header + "\n";
        var suffix = _footer.Length == 0 ? string.Empty : text.Length == 0 && prefix.Length == 0 ? _footer : "\n" + _footer;
        var room = maxLength - prefix.Length - suffix.Length;
        if (text.Length > room && room > 0)
            text = Truncate(text, room, entities);

        foreach (var e in entities) e.Offset += prefix.Length;
        text = prefix + text + suffix;
        if (text.Length > maxLength)
            text = Truncate(text, maxLength, entities);

        var result = entities.Where(e => e.Alive && e.Length > 0)
            .Select(e => new MessageEntity(e.Offset, e.Length, e.Type, e.Url))
            .OrderBy(e => e.Offset)
            .ToList();
        return new MessageText(text, result);
    }

    private static void AdjustForReplacement(List<Span> entities, int start, int end, int replacementLength)
    {
        var delta = replacementLength - (end - start);
        foreach (var e in entities)
        {
            if (!e.Alive) continue;
            var eEnd = e.Offset + e.Length;
            if (eEnd <= start) continue;                              // wholly before
            if (e.Offset >= end) e.Offset += delta;                   // wholly after
            else if (e.Offset <= start && end <= eEnd) e.Length += delta; // around the replaced span
            else e.Alive = false;                                     // cut by an edge of the replacement
        }
    }

    private static string Truncate(string text, int length, List<Span> entities)
    {
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--; // never split a surrogate pair
        foreach (var e in entities)
            if (e.Offset + e.Length > length) e.Alive = false;
        return text[..length];
    }

    private sealed class Span(MessageEntity entity)
    {
        public int Offset = entity.Offset;
        public int Length = entity.Length;
        public bool Alive = entity.Offset >= 0 && entity.Length > 0;
        public string Type => entity.Type;
        public string? Url => entity.Url;
    }
}
