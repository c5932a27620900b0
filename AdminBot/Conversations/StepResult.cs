using Cluster.AdminBot.Commands;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Conversations;

/// <summary>The outcome of one answer in a guided command: the reply, and the conversation to keep (null when it ended,
/// done or given up); <see cref="AskedAgain"/> when the same question is asked again (the command line then gives up).</summary>
public sealed record StepResult(AdminReply Reply, AdminConversation? Next, bool AskedAgain = false)
{
    public static StepResult Ended(AdminReply reply) => new(reply, null);

    public static StepResult Ask(AdminConversation next, string question) => new(AdminReply.Ok(question), next);

    public static StepResult Again(AdminConversation same, string problem) => new(AdminReply.Fail(problem), same, AskedAgain: true);
}
