using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>Source-generated JSON of the simulator's account protocol (camelCase), shared by the simulator
/// that serves it and the <see cref="SimulatorAccountClient"/> that calls it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectRequest))]
[JsonSerializable(typeof(LoginStateResponse))]
[JsonSerializable(typeof(PhoneNumberRequest))]
[JsonSerializable(typeof(CodeRequest))]
[JsonSerializable(typeof(PasswordRequest))]
[JsonSerializable(typeof(UserWire))]
[JsonSerializable(typeof(ChatWire))]
[JsonSerializable(typeof(ReferenceRequest))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(RecentRequest))]
[JsonSerializable(typeof(MessagesResponse))]
[JsonSerializable(typeof(ForwardRequest))]
[JsonSerializable(typeof(SendTextRequest))]
[JsonSerializable(typeof(EditTextRequest))]
[JsonSerializable(typeof(DeleteMessagesRequest))]
[JsonSerializable(typeof(UpdatesRequest))]
[JsonSerializable(typeof(UpdatesResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(SessionFile))]
public sealed partial class AccountProtocolJsonContext : JsonSerializerContext;
