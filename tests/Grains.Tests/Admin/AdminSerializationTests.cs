using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Admin;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cluster.Grains.Tests.Admin;

/// <summary>The admin grains' call and state types: a conversation crosses Orleans' serializer intact (every grain interface
/// type is checked in <c>GrainInterfaceSerializationTests</c>), hides its secrets in its text form, and the admin states are
/// in the state JSON contexts.</summary>
public sealed class AdminSerializationTests
{
    [Fact]
    public void A_conversation_round_trips_and_its_text_form_hides_secret_values()
    {
        var conversation = new AdminConversation
        {
            Command = "add_worker",
            Step = "phone",
            Fields = new Dictionary<string, string> { ["account_id"] = "w1" },
            Secrets = new Dictionary<string, string> { ["api_hash"] = "very-secret-hash" },
            MessageIdsToDelete = [3],
        };
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<AdminConversation>(serializer.SerializeToArray(conversation))!;

        Assert.Equal("w1", back.Fields["account_id"]);
        Assert.Equal("very-secret-hash", back.Secrets["api_hash"]);
        Assert.Equal([3L], back.MessageIdsToDelete);
        Assert.DoesNotContain("very-secret-hash", conversation.ToString());
    }

    [Fact]
    public void Admin_grain_states_are_in_the_state_context()
    {
        Assert.NotNull(GrainStateJsonContext.Default.GetTypeInfo(typeof(AdminSessionState)));
        Assert.NotNull(GrainStateJsonContext.Default.GetTypeInfo(typeof(AuditLogState)));
        Assert.NotNull(Cluster.Grains.Guard.GuardStateJsonContext.Default.GetTypeInfo(typeof(Cluster.Grains.Guard.GuardRegistryState)));
    }
}
