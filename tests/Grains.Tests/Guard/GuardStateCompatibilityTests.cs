using System.Text.Json;
using Cluster.Grains.Guard;

namespace Cluster.Grains.Tests.Guard;

/// <summary>A protected group's stored state keeps its shape across the move to Telegram.Bot: what a muted member could do before
/// is stored as the grain's own <see cref="SavedPermissions"/> under the same JSON names as before, so older state still reads.</summary>
public sealed class GuardStateCompatibilityTests
{
    [Fact]
    public void Previous_permissions_written_before_the_move_read_back_and_restore_exactly()
    {
        const string stored = """
            {"muted":{"42":{"userId":42,"previousPermissions":{"canSendMessages":true,"canSendAudios":false,"canSendDocuments":null,
            "canSendPhotos":true,"canSendVideos":null,"canSendVideoNotes":null,"canSendVoiceNotes":null,"canSendPolls":null,
            "canSendOtherMessages":null,"canAddWebPagePreviews":null,"canChangeInfo":null,"canInviteUsers":true,"canPinMessages":null,
            "canManageTopics":null},"previousUntilDate":1800000000,"mutedAt":"2026-01-01T00:00:00+00:00","promptMessageId":null}}}
            """;

        var state = JsonSerializer.Deserialize(stored, GuardStateJsonContext.Default.ProtectedGroupState)!;

        var muted = state.Muted[42];
        Assert.Equal(1_800_000_000, muted.PreviousUntilDate);
        var restored = muted.PreviousPermissions!.ToChatPermissions();
        Assert.True(restored.CanSendMessages);
        Assert.True(restored.CanSendPhotos);
        Assert.True(restored.CanInviteUsers);
        Assert.False(restored.CanSendAudios);
        Assert.False(restored.CanSendVideos);

        var again = JsonSerializer.Serialize(state, GuardStateJsonContext.Default.ProtectedGroupState);
        Assert.Contains("\"canSendMessages\":true", again);
        Assert.Equal(muted.PreviousPermissions, JsonSerializer.Deserialize(again, GuardStateJsonContext.Default.ProtectedGroupState)!.Muted[42].PreviousPermissions);
    }
}
