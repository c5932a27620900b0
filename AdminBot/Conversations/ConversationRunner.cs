using Cluster.AdminBot.Commands;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Conversations;

/// <summary>Runs a guided command's steps for both front ends: on Telegram one answer per message (the conversation kept in
/// the <see cref="IConversationStore"/> between them), on the command line every answer from an option in one go, where a
/// question asked again is a failure (after the step undid what it had to).</summary>
public sealed class ConversationRunner(IConversationStore store)
{
    /// <summary>Starts a conversation on Telegram; refuses while another one is open.</summary>
    public async Task<AdminReply> StartAsync(AdminIdentity admin, AdminConversation first, string question, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(admin.UserId, cancellationToken) is { } open)
            return AdminReply.Fail($"You are in the middle of /{open.Command}: answer its question, or /cancel it first.");
        await store.SaveAsync(admin.UserId, first, cancellationToken);
        return AdminReply.Ok(question);
    }

    /// <summary>Applies one step's result to the stored conversation and returns its reply.</summary>
    public async Task<AdminReply> ApplyAsync(AdminIdentity admin, StepResult result, CancellationToken cancellationToken)
    {
        if (result.Next is null) await store.ClearAsync(admin.UserId, cancellationToken);
        else await store.SaveAsync(admin.UserId, result.Next, cancellationToken);
        return result.Reply;
    }

    /// <summary>Runs every step with answers from the command line's options, in order (<paramref name="answers"/> maps a step
    /// to its option name). <paramref name="giveUp"/> undoes what was set up when the run stops half-way.</summary>
    public static async Task<AdminReply> RunAllAsync(AdminConversation first, IReadOnlyDictionary<string, string> answers, AdminCommand command,
        Func<AdminConversation, string, Task<StepResult>> step, Func<AdminConversation, Task<string>> giveUp)
    {
        var conversation = first;
        while (true)
        {
            if (!answers.TryGetValue(conversation.Step, out var option))
                return AdminReply.Fail($"/{command.Name} has no option for its step '{conversation.Step}'.");
            var answer = command.Option(option);
            if (answer is null)
            {
                var undone = await giveUp(conversation);
                return AdminReply.Fail($"/{command.Name} needs --{option} at this point.{(undone.Length > 0 ? " " + undone : "")}");
            }
            var result = await step(conversation, answer);
            if (result.Next is null) return result.Reply;
            if (result.AskedAgain)
            {
                var undone = await giveUp(result.Next);
                return AdminReply.Fail(result.Reply.Text + (undone.Length > 0 ? " " + undone : ""));
            }
            conversation = result.Next;
        }
    }
}
