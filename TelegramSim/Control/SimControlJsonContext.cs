using System.Text.Json.Serialization;
using Cluster.TelegramSim.Demo;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.Traffic;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Control;

/// <summary>Source-generated JSON of the control API (/sim/...) and the world file: camelCase, enums as strings.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(WorldFileModel))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(CreateAccountRequest))]
[JsonSerializable(typeof(CreateBotRequest))]
[JsonSerializable(typeof(CreateChatRequest))]
[JsonSerializable(typeof(SetMemberRequest))]
[JsonSerializable(typeof(PostRequest))]
[JsonSerializable(typeof(SendDocumentRequest))]
[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(DeleteRequest))]
[JsonSerializable(typeof(LinkRequest))]
[JsonSerializable(typeof(PressButtonRequest))]
[JsonSerializable(typeof(PressButtonResponse))]
[JsonSerializable(typeof(IdResponse))]
[JsonSerializable(typeof(CallCountsResponse))]
[JsonSerializable(typeof(WorldSummary))]
[JsonSerializable(typeof(ControlError))]
[JsonSerializable(typeof(IReadOnlyList<ReceivedCount>))]
[JsonSerializable(typeof(SimUser))]
[JsonSerializable(typeof(SimAccountInfo))]
[JsonSerializable(typeof(SimBotInfo))]
[JsonSerializable(typeof(SimChatInfo))]
[JsonSerializable(typeof(SimMember))]
[JsonSerializable(typeof(IReadOnlyList<SimMember>))]
[JsonSerializable(typeof(IReadOnlyList<SimMessage>))]
[JsonSerializable(typeof(IReadOnlyList<SimBotPrivateMessage>))]
[JsonSerializable(typeof(SimCallbackAnswer))]
[JsonSerializable(typeof(IReadOnlyList<SimCallRecord>))]
[JsonSerializable(typeof(IReadOnlyList<SimDelivery>))]
[JsonSerializable(typeof(IReadOnlyList<SimBotUpdate>))]
[JsonSerializable(typeof(IReadOnlyList<SimAccountEvent>))]
[JsonSerializable(typeof(SimFaultRule))]
[JsonSerializable(typeof(IReadOnlyList<SimFault>))]
[JsonSerializable(typeof(ChannelTrafficOptions))]
[JsonSerializable(typeof(MembershipChurnOptions))]
[JsonSerializable(typeof(GuardTrafficOptions))]
[JsonSerializable(typeof(IReadOnlyList<SimTrafficInfo>))]
[JsonSerializable(typeof(DemoWorldInfo))]
public sealed partial class SimControlJsonContext : JsonSerializerContext;
