using System.Text.Json;

namespace Cluster.AdminBot.Tests.Infrastructure;

/// <summary>A message of the private dialog between a user and the admin bot, as the user sees it.</summary>
internal sealed record DialogMessage(long Id, long? SenderUserId, string Text, IReadOnlyList<IReadOnlyList<DialogButton>> Buttons, DateTimeOffset? EditDate, bool Deleted)
{
    public IEnumerable<DialogButton> AllButtons => Buttons.SelectMany(r => r);

    public DialogButton Button(string label) => AllButtons.FirstOrDefault(b => b.Text == label)
        ?? throw new InvalidOperationException($"No button '{label}' under: {Text}{Environment.NewLine}buttons: {string.Join(", ", AllButtons.Select(b => b.Text))}");

    public static DialogMessage Parse(JsonElement m)
    {
        var buttons = new List<IReadOnlyList<DialogButton>>();
        if (m.TryGetProperty("replyMarkup", out var markup) && markup.ValueKind == JsonValueKind.Object)
            foreach (var row in markup.GetProperty("rows").EnumerateArray())
                buttons.Add(row.EnumerateArray().Select(b => new DialogButton(b.GetProperty("text").GetString()!,
                    b.TryGetProperty("callbackData", out var d) ? d.GetString() : null)).ToList());
        return new DialogMessage(
            m.GetProperty("id").GetInt64(),
            m.TryGetProperty("senderUserId", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null,
            m.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "",
            buttons,
            m.TryGetProperty("editDate", out var e) && e.ValueKind == JsonValueKind.String ? e.GetDateTimeOffset() : null,
            m.TryGetProperty("deletedAt", out var del) && del.ValueKind == JsonValueKind.String);
    }
}
