using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Simulator.Protocol;
using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cluster.TelegramSim.AccountApi;

/// <summary>Serves the account port over HTTP (POST /account/v1/{operation}, JSON): log-in, chats, history,
/// sending, and a long-poll update stream. Errors carry MTProto's names (FLOOD_WAIT_5, AUTH_KEY_DUPLICATED, ...).</summary>
internal static class AccountApiEndpoints
{
    private static AccountProtocolJsonContext Json => AccountProtocolJsonContext.Default;

    public static void MapAccountApi(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/" + AccountProtocol.PathPrefix + "{operation}", HandleAsync).ExcludeFromDescription();
    }

    private static async Task HandleAsync(HttpContext http, string operation, SimWorld world, SimFaultInjector faults, SimCallLog calls,
        ILogger<SimWorld> logger)
    {
        var op = operation.ToLowerInvariant();
        var connection = http.Request.Headers[AccountProtocol.ConnectionHeader].ToString();
        var userId = world.UserOfConnection(connection);
        var ct = http.RequestAborted;
        int status;
        byte[] body;
        string? error = null;
        int? retryAfter = null;
        try
        {
            TimeSpan? holdAnswer = null;
            if (faults.Match(SimClientKind.Account, userId, op) is { } fault)
            {
                SimLog.FaultInjected(logger, fault.Kind.ToString(), "account", userId, op);
                switch (fault.Kind)
                {
                    case SimFaultKind.Latency:
                        await Task.Delay(fault.Delay!.Value, world.Time, ct).ConfigureAwait(false);
                        break;
                    case SimFaultKind.FloodWait:
                        throw SimErrors.TooManyRequests(faults.RetryAfterSeconds(fault));
                    case SimFaultKind.ServerError:
                        var code = fault.StatusCode ?? 500;
                        throw new SimException(code, "Internal Server Error", code == 500 ? "INTERNAL" : "RPC_CALL_FAIL");
                    case SimFaultKind.DropConnection:
                        calls.Record(SimClientKind.Account, userId, op, 0, "connection dropped", null);
                        http.Abort();
                        return;
                    case SimFaultKind.SlowAnswer:
                        holdAnswer = fault.Delay!.Value;
                        break;
                }
            }
            body = await DispatchAsync(op, http, connection, world, ct).ConfigureAwait(false);
            if (holdAnswer is { } hold) await Task.Delay(hold, world.Time, ct).ConfigureAwait(false);
            status = 200;
        }
        catch (SimException e)
        {
            status = e.AccountCode;
            error = e.AccountError;
            retryAfter = e.RetryAfterSeconds;
            body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse(status, e.AccountError, e.RetryAfterSeconds), Json.ErrorResponse);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            calls.Record(SimClientKind.Account, userId, op, 499, "client closed request", null);
            return;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or KeyNotFoundException)
        {
            status = 400;
            error = "INPUT_REQUEST_INVALID";
            body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse(400, error + ": " + e.Message, null), Json.ErrorResponse);
        }
        calls.Record(SimClientKind.Account, userId == 0 ? world.UserOfConnection(connection) : userId, op, status, error, retryAfter);
        if (ct.IsCancellationRequested) return;
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        try
        {
            await http.Response.Body.WriteAsync(body, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<T> Read<T>(HttpContext http, JsonTypeInfo<T> info, CancellationToken ct) =>
        await JsonSerializer.DeserializeAsync(http.Request.Body, info, ct).ConfigureAwait(false) ?? throw new JsonException("A JSON body is required.");

    private static byte[] Write<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToUtf8Bytes(value, info);

    private static async Task<byte[]> DispatchAsync(string op, HttpContext http, string connection, SimWorld world, CancellationToken ct)
    {
        switch (op)
        {
            case AccountProtocol.Connect:
                return Write(State(world.AccountConnect((await Read(http, Json.ConnectRequest, ct).ConfigureAwait(false)).SessionToken)), Json.LoginStateResponse);
            case AccountProtocol.State:
                return Write(State(world.AccountState(connection)), Json.LoginStateResponse);
            case AccountProtocol.Phone:
                return Write(State(world.AccountSubmitPhone(connection, (await Read(http, Json.PhoneNumberRequest, ct).ConfigureAwait(false)).PhoneNumber)), Json.LoginStateResponse);
            case AccountProtocol.Code:
                return Write(State(world.AccountSubmitCode(connection, (await Read(http, Json.CodeRequest, ct).ConfigureAwait(false)).Code)), Json.LoginStateResponse);
            case AccountProtocol.Password:
                return Write(State(world.AccountSubmitPassword(connection, (await Read(http, Json.PasswordRequest, ct).ConfigureAwait(false)).Password)), Json.LoginStateResponse);
            case AccountProtocol.LogOut:
                world.AccountLogOut(connection);
                return Write(new LoginStateResponse(connection, nameof(AuthorizationState.Closed), null, 0), Json.LoginStateResponse);
            case AccountProtocol.Disconnect:
                world.AccountDisconnect(connection);
                return Write(new LoginStateResponse(connection, nameof(AuthorizationState.Closed), null, 0), Json.LoginStateResponse);
        }
        var userId = world.RequireReady(connection);
        switch (op)
        {
            case AccountProtocol.Me:
                var me = world.GetUser(userId);
                return Write(new UserWire(me.Id, me.Username, me.FirstName, me.IsPremium), Json.UserWire);
            case AccountProtocol.Resolve:
                return Write(Chat(world.AccountResolve(userId, (await Read(http, Json.ReferenceRequest, ct).ConfigureAwait(false)).Reference)), Json.ChatWire);
            case AccountProtocol.Join:
                return Write(Chat(world.AccountJoinChat(userId, (await Read(http, Json.ReferenceRequest, ct).ConfigureAwait(false)).Reference)), Json.ChatWire);
            case AccountProtocol.ResolveUser:
                var target = world.AccountResolveUser(userId, (await Read(http, Json.ReferenceRequest, ct).ConfigureAwait(false)).Reference);
                return Write(new UserWire(target.Id, target.Username, target.FirstName, target.IsPremium), Json.UserWire);
            case AccountProtocol.History:
                var h = await Read(http, Json.HistoryRequest, ct).ConfigureAwait(false);
                return Messages(world.AccountHistory(userId, h.ChatId, h.AfterMessageId, Math.Clamp(h.Limit, 1, 100)), userId);
            case AccountProtocol.Recent:
                var r = await Read(http, Json.RecentRequest, ct).ConfigureAwait(false);
                return Messages(world.AccountRecent(userId, r.ChatId, Math.Clamp(r.Limit, 1, 100)), userId);
            case AccountProtocol.Forward:
                var f = await Read(http, Json.ForwardRequest, ct).ConfigureAwait(false);
                var captions = f.NewCaptions?.ToDictionary(c => c.MessageId, c => ((string?)c.Text.Text, Entities(c.Text)));
                return Messages(world.AccountForward(userId, f.ToChatId, f.FromChatId, f.MessageIds, f.SendCopy, captions, f.ReplyToMessageId), userId);
            case AccountProtocol.Send:
                var s = await Read(http, Json.SendTextRequest, ct).ConfigureAwait(false);
                return Messages(world.AccountSend(userId, s.ChatId, [new SimOutgoingMessage(s.Text.Text, Entities(s.Text), ReplyToMessageId: s.ReplyToMessageId)]), userId);
            case AccountProtocol.Edit:
                var e = await Read(http, Json.EditTextRequest, ct).ConfigureAwait(false);
                return Messages([world.AccountEdit(userId, e.ChatId, e.MessageId, e.Text.Text, Entities(e.Text))], userId);
            case AccountProtocol.Delete:
                var d = await Read(http, Json.DeleteMessagesRequest, ct).ConfigureAwait(false);
                world.AccountDelete(userId, d.ChatId, d.MessageIds);
                return Messages([], userId);
            case AccountProtocol.Updates:
                var u = await Read(http, Json.UpdatesRequest, ct).ConfigureAwait(false);
                var timeout = TimeSpan.FromSeconds(Math.Max(0, u.TimeoutSeconds));
                if (timeout > world.Options.Accounts.MaxPollTimeout) timeout = world.Options.Accounts.MaxPollTimeout;
                var (events, last) = await world.AccountPollAsync(connection, u.After, Math.Clamp(u.Limit, 1, 1000), timeout, ct).ConfigureAwait(false);
                return Write(new UpdatesResponse(events.Select(ev => Update(ev, userId)).ToList(), last), Json.UpdatesResponse);
            default:
                throw new SimException(404, "Not Found", "METHOD_INVALID");
        }
    }

    private static LoginStateResponse State(SimLoginResult r) => new(r.ConnectionId, r.Stage switch
    {
        ConnectionStage.WaitPhoneNumber => nameof(AuthorizationState.WaitPhoneNumber),
        ConnectionStage.WaitCode => nameof(AuthorizationState.WaitCode),
        ConnectionStage.WaitPassword => nameof(AuthorizationState.WaitPassword),
        ConnectionStage.Ready => nameof(AuthorizationState.Ready),
        _ => nameof(AuthorizationState.Closed),
    }, r.SessionToken, r.UpdatesSeq);

    private static ChatWire Chat(SimAccountChat c) => new(c.ChatId, c.Type switch
    {
        SimChatType.Private => nameof(ChatKind.Private),
        SimChatType.Group => nameof(ChatKind.BasicGroup),
        SimChatType.Supergroup => nameof(ChatKind.Supergroup),
        _ => nameof(ChatKind.Channel),
    }, c.Title, c.Username, c.IsMember, c.CanPost);

    private static IReadOnlyList<SimEntity> Entities(TextWire t) => t.Entities.Select(e => new SimEntity(e.Type, e.Offset, e.Length, e.Url)).ToList();

    private static byte[] Messages(IEnumerable<SimMessage> messages, long viewer) =>
        Write(new MessagesResponse(messages.Select(m => Message(m, viewer)).ToList()), Json.MessagesResponse);

    internal static MessageWire Message(SimMessage m, long viewer) => new(
        m.ChatId,
        m.Id,
        m.SenderUserId,
        m.SenderChatId,
        m.Date.ToUnixTimeSeconds(),
        m.EditDate?.ToUnixTimeSeconds(),
        new TextWire(m.Text ?? "", m.Entities.Select(e => new EntityWire(e.Offset, e.Length, e.Type, e.Url)).ToList()),
        m.Media is null ? nameof(MediaKind.None) : m.Media.Kind switch
        {
            SimMediaKind.Photo => nameof(MediaKind.Photo),
            SimMediaKind.Video => nameof(MediaKind.Video),
            SimMediaKind.Document => nameof(MediaKind.Document),
            SimMediaKind.Audio => nameof(MediaKind.Audio),
            SimMediaKind.Voice => nameof(MediaKind.Voice),
            SimMediaKind.Animation => nameof(MediaKind.Animation),
            SimMediaKind.Sticker => nameof(MediaKind.Sticker),
            SimMediaKind.VideoNote => nameof(MediaKind.VideoNote),
            _ => nameof(MediaKind.Other),
        },
        m.Media?.FileId,
        m.MediaGroupId is { } g && long.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out var album) ? album : 0,
        m.AuthorUserId == viewer,
        m.IsForwarded,
        m.ReplyToMessageId,
        m.ForwardOrigin?.MessageId is not null ? m.ForwardOrigin.ChatId : null,
        m.ForwardOrigin?.ChatId is not null ? m.ForwardOrigin.MessageId : null);

    private static UpdateWire Update(SimAccountEvent e, long viewer) => new(e.Seq, e.Kind switch
    {
        SimAccountEventKind.NewMessages => "new",
        SimAccountEventKind.MessageEdited => "edited",
        _ => "deleted",
    }, e.ChatId, e.Messages.Select(m => Message(m, viewer)).ToList(), e.DeletedMessageIds);
}
