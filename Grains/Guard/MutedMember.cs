namespace Cluster.Grains.Guard;

/// <summary>A member the bot muted, with what they could do before, so unmuting restores exactly that.</summary>
/// <remarks>PreviousPermissions null means they were an ordinary member (unmuting gives the group's defaults back);
/// otherwise they were already restricted by someone and get those restrictions (and their end date) back.</remarks>
public sealed class MutedMember
{
    public long UserId { get; set; }
    public SavedPermissions? PreviousPermissions { get; set; }
    public long? PreviousUntilDate { get; set; }
    public DateTimeOffset MutedAt { get; set; }
    public int? PromptMessageId { get; set; }
}
