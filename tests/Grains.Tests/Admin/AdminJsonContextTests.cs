using System.Text.Json;
using Cluster.Grains.Abstractions;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Admin;

namespace Cluster.Grains.Tests.Admin;

/// <summary>The admin grains' wire and state types can be serialised by the contexts the runtime is given.</summary>
public sealed class AdminJsonContextTests
{
    [Fact]
    public void Every_guard_registry_argument_and_result_is_in_the_guard_context()
    {
        var missing = new List<string>();
        foreach (var method in typeof(IGuardRegistryGrain).GetMethods())
        {
            var types = method.GetParameters().Select(p => p.ParameterType).ToList();
            if (method.ReturnType.IsGenericType) types.Add(method.ReturnType.GetGenericArguments()[0]);
            missing.AddRange(types.Where(t => GuardJsonContext.Default.GetTypeInfo(t) is null).Select(t => $"{method.Name}: {t}"));
        }
        Assert.Empty(missing);
    }

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

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(conversation, GrainsJsonContext.Default.AdminConversation), GrainsJsonContext.Default.AdminConversation)!;

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
