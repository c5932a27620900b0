using System.Text.RegularExpressions;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Forwarding;

/// <summary>A pair's filters, compiled once at configuration time. An album is judged as a whole: its captions
/// together for words and patterns, its first message for the sender, and every item for media kinds.
/// A regex that times out counts as a match for block lists and as no match for allow lists (fail closed).</summary>
public sealed class MessageFilter
{
    private readonly PairFilters _filters;
    private readonly Regex[] _allowPatterns;
    private readonly Regex[] _blockPatterns;
    private readonly HashSet<MessageMediaKind> _allowedMedia;
    private readonly HashSet<MessageMediaKind> _blockedMedia;
    private readonly HashSet<long> _allowedSenders;
    private readonly HashSet<long> _blockedSenders;

    private MessageFilter(PairFilters filters, Regex[] allowPatterns, Regex[] blockPatterns)
    {
        _filters = filters;
        _allowPatterns = allowPatterns;
        _blockPatterns = blockPatterns;
        _allowedMedia = [.. filters.AllowedMedia];
        _blockedMedia = [.. filters.BlockedMedia];
        _allowedSenders = [.. filters.AllowedSenders];
        _blockedSenders = [.. filters.BlockedSenders];
    }

    /// <summary>Compiles <paramref name="filters"/>; throws ArgumentException naming the first invalid pattern or empty keyword.</summary>
    public static MessageFilter Create(PairFilters filters, TimeSpan regexTimeout)
    {
        CheckKeywords(filters.AllowKeywords, "Filters.AllowKeywords");
        CheckKeywords(filters.BlockKeywords, "Filters.BlockKeywords");
        var allow = filters.AllowPatterns.Select((p, i) => PatternCompiler.Compile(p, $"Filters.AllowPatterns[{i}]", regexTimeout)).ToArray();
        var block = filters.BlockPatterns.Select((p, i) => PatternCompiler.Compile(p, $"Filters.BlockPatterns[{i}]", regexTimeout)).ToArray();
        return new MessageFilter(filters, allow, block);
    }

    public FilterVerdict Evaluate(SourceMessage message) => Evaluate([message]);

    /// <summary>Judges one message or one album.</summary>
    public FilterVerdict Evaluate(IReadOnlyList<SourceMessage> batch)
    {
        if (batch.Count == 0) return FilterVerdict.Reject("empty batch");
        var text = batch.Count == 1
            ? batch[0].Text.Text
            : string.Join("\n", batch.Select(m => m.Text.Text).Where(t => t.Length > 0));

        if (_filters.SkipEmpty && text.Length == 0 && batch.All(m => !m.HasMedia))
            return FilterVerdict.Reject("empty message");
        if (_filters.SkipForwarded && batch.Any(m => m.IsForwarded))
            return FilterVerdict.Reject("forwarded message");

        var sender = batch[0].SenderUserId ?? batch[0].SenderChatId;
        if (sender is { } s && _blockedSenders.Contains(s))
            return FilterVerdict.Reject($"sender {s} is blocked");
        if (_allowedSenders.Count > 0 && (sender is null || !_allowedSenders.Contains(sender.Value)))
            return FilterVerdict.Reject($"sender {sender?.ToString() ?? "unknown"} is not allowed");

        foreach (var message in batch)
        {
            if (_blockedMedia.Contains(message.Media))
                return FilterVerdict.Reject($"media {message.Media} is blocked");
            if (_allowedMedia.Count > 0 && !_allowedMedia.Contains(message.Media))
                return FilterVerdict.Reject($"media {message.Media} is not allowed");
        }

        foreach (var keyword in _filters.BlockKeywords)
            if (text.Contains(keyword, StringComparison.OrdinalIgnoreCase))
                return FilterVerdict.Reject($"contains blocked keyword '{keyword}'");
        if (_filters.AllowKeywords.Count > 0 && !_filters.AllowKeywords.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase)))
            return FilterVerdict.Reject("contains none of the allowed keywords");

        foreach (var pattern in _blockPatterns)
            if (Matches(pattern, text, onTimeout: true))
                return FilterVerdict.Reject($"matches blocked pattern '{pattern}'");
        if (_allowPatterns.Length > 0 && !_allowPatterns.Any(p => Matches(p, text, onTimeout: false)))
            return FilterVerdict.Reject("matches none of the allowed patterns");

        return FilterVerdict.Pass;
    }

    private static bool Matches(Regex regex, string text, bool onTimeout)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return onTimeout;
        }
    }

    private static void CheckKeywords(IReadOnlyList<string> keywords, string setting)
    {
        for (var i = 0; i < keywords.Count; i++)
            if (string.IsNullOrWhiteSpace(keywords[i]))
                throw new ArgumentException($"{setting}[{i}] is empty; a keyword must have at least one non-blank character.", setting);
    }
}
