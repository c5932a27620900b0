using System.Text;
using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Campaigns;

/// <summary>A campaign text with variables: <c>{name}</c> is replaced by the recipient's value of <c>name</c>, <c>{name|default}</c>
/// falls back to <c>default</c> when the recipient has none. Names are letters, digits and underscores; a brace that starts no
/// such variable stays as it is. Entities keep covering the same parts of the text (their offsets move with the replacements;
/// an entity edge inside a variable moves to the variable's edge).</summary>
public sealed class MessageTemplate
{
    private readonly MessageText _text;
    private readonly List<Placeholder> _placeholders = [];

    private sealed record Placeholder(int Start, int End, string Name, string? Default);

    public MessageTemplate(MessageText text)
    {
        _text = text;
        var s = text.Text;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '{') continue;
            var close = s.IndexOf('}', i + 1);
            if (close < 0) break;
            var inner = s.AsSpan(i + 1, close - i - 1).ToString();
            var bar = inner.IndexOf('|');
            var name = bar < 0 ? inner : inner[..bar];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) continue;
            _placeholders.Add(new Placeholder(i, close + 1, name, bar < 0 ? null : inner[(bar + 1)..]));
            i = close;
        }
    }

    /// <summary>The variables the text uses, each once.</summary>
    public IReadOnlyList<string> Variables => _placeholders.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Variables without a default, which every recipient must have a value for.</summary>
    public IReadOnlyList<string> RequiredVariables => _placeholders.Where(p => p.Default is null).Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The first required variable <paramref name="values"/> has no (non-empty) value for, or null.</summary>
    public string? MissingFor(IReadOnlyDictionary<string, string>? values)
        => RequiredVariables.FirstOrDefault(v => values is null || !values.TryGetValue(v, out var value) || string.IsNullOrWhiteSpace(value));

    /// <summary>The text for one recipient. A required variable without a value renders empty (creation refuses such recipients).</summary>
    public MessageText Render(IReadOnlyDictionary<string, string>? values)
    {
        if (_placeholders.Count == 0) return _text;
        var s = _text.Text;
        var output = new StringBuilder(s.Length + 32);
        // (old position, new position) at each placeholder's start and end, to move entity offsets.
        var marks = new List<(int Old, int New, int OldEnd, int NewEnd)>();
        var at = 0;
        foreach (var p in _placeholders)
        {
            output.Append(s, at, p.Start - at);
            var newStart = output.Length;
            var value = values is not null && values.TryGetValue(p.Name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : p.Default ?? "";
            output.Append(value);
            marks.Add((p.Start, newStart, p.End, output.Length));
            at = p.End;
        }
        output.Append(s, at, s.Length - at);
        int Map(int old, bool isEnd)
        {
            var shift = 0;
            foreach (var m in marks)
            {
                if (old <= m.Old) return old + shift;
                if (old < m.OldEnd) return isEnd ? m.NewEnd : m.New;
                shift = m.NewEnd - m.OldEnd;
            }
            return old + shift;
        }
        var entities = new List<MessageEntity>();
        foreach (var e in _text.Entities)
        {
            var start = Map(e.Offset, isEnd: false);
            var end = Map(e.End, isEnd: true);
            if (end > start) entities.Add(e with { Offset = start, Length = end - start });
        }
        return new MessageText(output.ToString(), entities);
    }
}
