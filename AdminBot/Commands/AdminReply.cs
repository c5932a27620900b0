namespace Cluster.AdminBot.Commands;

/// <summary>What a handler answers: text for both front ends, optional button rows for Telegram, whether it succeeded
/// (the command line's exit code), and whether the admin's own message held a secret and must be deleted.</summary>
public sealed record AdminReply(string Text, bool Succeeded = true)
{
    /// <summary>Rows of shortcut buttons (Telegram's inline keyboard).</summary>
    public IReadOnlyList<IReadOnlyList<ReplyButton>> Buttons { get; init; } = [];

    /// <summary>The admin's message held a code or password: Telegram deletes it after use.</summary>
    public bool DeleteInput { get; init; }

    /// <summary>A short notice for a pressed button (answerCallbackQuery); defaults to nothing.</summary>
    public string? Toast { get; init; }

    public static AdminReply Ok(string text) => new(text);

    public static AdminReply Fail(string text) => new(text, Succeeded: false);

    public AdminReply WithButtons(params IReadOnlyList<ReplyButton>[] rows) => this with { Buttons = rows.Where(r => r.Count > 0).ToList() };
}
