using System.Text.Json;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Receives the updates of one TDLib client from <see cref="TdlibReceiver"/>. Called on the
/// single receive thread, in TDLib's order: must return quickly and never block or throw.</summary>
internal interface ITdlibUpdateSink
{
    void OnUpdate(JsonElement update);
}
