using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.TelegramSim.Demo;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.Traffic;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cluster.TelegramSim.Control;

/// <summary>The control and inspection API under /sim: world setup, acting as users, reading back what
/// arrived where, the answers given to clients, faults and traffic. The same as the C# API, over HTTP.</summary>
internal static class ControlEndpoints
{
    private static SimControlJsonContext Json => SimControlJsonContext.Default;

    public static void MapControlApi(IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup("/sim").ExcludeFromDescription();

        sim.MapGet("/world", (SimWorld w) => Ok(new WorldSummary(w.GetUsers(), w.GetAccounts(), w.GetBots(), w.GetChats()), Json.WorldSummary));
        sim.MapPost("/demo", (SimWorld w) => Run(() => Ok(DemoWorld.Seed(w), Json.DemoWorldInfo)));
        sim.MapPost("/users", (HttpContext h, SimWorld w) => Body(h, Json.CreateUserRequest, r => Ok(w.CreateUser(r.FirstName, r.Username, isPremium: r.IsPremium), Json.SimUser)));
        sim.MapPost("/accounts", (HttpContext h, SimWorld w) => Body(h, Json.CreateAccountRequest,
            r => Ok(w.CreateAccount(r.Phone, r.FirstName, r.Username, r.Password, r.LoginCode, r.IsPremium), Json.SimAccountInfo)));
        sim.MapGet("/accounts/{userId:long}", (long userId, SimWorld w) => Run(() => Ok(w.GetAccount(userId), Json.SimAccountInfo)));
        sim.MapGet("/accounts/{userId:long}/events", (long userId, SimWorld w) => Run(() => Ok(w.GetAccountEvents(userId), Json.IReadOnlyListSimAccountEvent)));
        sim.MapPost("/accounts/{userId:long}/revoke", (long userId, SimWorld w) => Run(() => { w.RevokeSessions(userId); return Results.NoContent(); }));
        sim.MapPost("/accounts/{userId:long}/expire-code", (long userId, SimWorld w) => Run(() => { w.ExpireLoginCode(userId); return Results.NoContent(); }));
        sim.MapGet("/users/{userId:long}/dialogs/{peerId:long}/messages", (long userId, long peerId, bool? includeDeleted, SimWorld w) =>
            Run(() => Ok(w.GetPrivateMessages(userId, peerId, includeDeleted ?? false), Json.IReadOnlyListSimMessage)));
        sim.MapPost("/users/{userId:long}/phone", (HttpContext h, long userId, SimWorld w) => Body(h, Json.CreateAccountRequest, r => { w.SetUserPhone(userId, r.Phone); return Results.NoContent(); }));
        sim.MapGet("/received", (string contains, SimWorld w) => Run(() => Ok(
            (IReadOnlyList<ReceivedCount>)w.CountReceivedContaining(contains).Select(kv => new ReceivedCount(kv.Key, kv.Value)).OrderBy(r => r.UserId).ToList(), Json.IReadOnlyListReceivedCount)));
        sim.MapPost("/bots", (HttpContext h, SimWorld w) => Body(h, Json.CreateBotRequest, r => Ok(w.CreateBot(r.Username, r.FirstName, r.Token, r.PrivacyMode), Json.SimBotInfo)));
        sim.MapGet("/bots/{userId:long}", (long userId, SimWorld w) => Run(() => Ok(w.GetBot(userId), Json.SimBotInfo)));
        sim.MapGet("/bots/{userId:long}/pending", (long userId, SimWorld w) => Run(() => Ok(w.GetPendingUpdates(userId), Json.IReadOnlyListSimBotUpdate)));
        sim.MapGet("/bots/{botUserId:long}/private-messages", (long botUserId, SimWorld w) =>
            Run(() => Ok(w.GetBotPrivateMessages(botUserId), Json.IReadOnlyListSimBotPrivateMessage)));
        sim.MapPost("/bots/{botUserId:long}/blocked/{userId:long}", (long botUserId, long userId, bool? blocked, SimWorld w) =>
            Run(() => { w.SetBotBlocked(userId, botUserId, blocked ?? true); return Results.NoContent(); }));
        sim.MapPost("/bots/{botUserId:long}/start/{userId:long}", (long botUserId, long userId, SimWorld w) => Run(() => { w.StartBot(userId, botUserId); return Results.NoContent(); }));

        sim.MapPost("/chats", (HttpContext h, SimWorld w) => Body(h, Json.CreateChatRequest, r => Ok(r.Type.ToLowerInvariant() switch
        {
            "channel" => w.CreateChannel(r.Title, r.Username, r.OwnerUserId, r.Description),
            "supergroup" => w.CreateSupergroup(r.Title, r.Username, r.OwnerUserId, r.Description),
            "group" => w.CreateGroup(r.Title, r.OwnerUserId),
            _ => throw new ArgumentException("Type must be channel, supergroup or group."),
        }, Json.SimChatInfo)));
        sim.MapGet("/chats/{chatId:long}", (long chatId, SimWorld w) => Run(() => Ok(w.GetChat(chatId), Json.SimChatInfo)));
        sim.MapPost("/chats/{chatId:long}/link", (HttpContext h, long chatId, SimWorld w) => Body(h, Json.LinkRequest, r => { w.LinkChats(chatId, r.LinkedChatId); return Results.NoContent(); }));
        sim.MapGet("/chats/{chatId:long}/members", (long chatId, SimWorld w) => Run(() => Ok(w.GetMembers(chatId), Json.IReadOnlyListSimMember)));
        sim.MapGet("/chats/{chatId:long}/members/{userId:long}", (long chatId, long userId, SimWorld w) => Run(() => Ok(w.GetMember(chatId, userId), Json.SimMember)));
        sim.MapPost("/chats/{chatId:long}/members", (HttpContext h, long chatId, SimWorld w) => Body(h, Json.SetMemberRequest, r => Ok(r.Status.ToLowerInvariant() switch
        {
            "member" => w.AddMember(chatId, r.UserId),
            "administrator" => w.MakeAdmin(chatId, r.UserId, r.Rights),
            "left" => w.RemoveMember(chatId, r.UserId),
            "kicked" => w.SetMember(new SimMember(chatId, r.UserId, SimMemberStatus.Kicked, w.Now, UntilDate: r.UntilDate, IsMember: false)),
            "restricted" => w.SetMember(new SimMember(chatId, r.UserId, SimMemberStatus.Restricted, w.Now, Permissions: r.Permissions ?? SimPermissions.Muted,
                UntilDate: r.UntilDate, IsMember: w.GetMember(chatId, r.UserId).IsInChat)),
            _ => throw new ArgumentException("Status must be member, administrator, left, kicked or restricted."),
        }, Json.SimMember)));
        sim.MapGet("/chats/{chatId:long}/messages", (long chatId, bool? includeDeleted, SimWorld w) =>
            Run(() => Ok(w.GetMessages(chatId, includeDeleted ?? false), Json.IReadOnlyListSimMessage)));
        sim.MapPost("/chats/{chatId:long}/posts", (HttpContext h, long chatId, SimWorld w) => Body(h, Json.PostRequest,
            r => Ok(w.PostToChannel(chatId, Items(w, r), r.AlbumSize > 1), Json.IReadOnlyListSimMessage)));
        sim.MapPost("/chats/{chatId:long}/messages", (HttpContext h, long chatId, SimWorld w) => Body(h, Json.PostRequest,
            r => Ok(w.SendAsUser(r.FromUserId ?? throw new ArgumentException("FromUserId is required."), chatId, Items(w, r), r.AlbumSize > 1), Json.IReadOnlyListSimMessage)));
        sim.MapPost("/chats/{chatId:long}/documents", (HttpContext h, long chatId, SimWorld w) => Body(h, Json.SendDocumentRequest,
            r => Ok(w.SendAsUser(r.FromUserId, chatId, [new SimOutgoingMessage(r.Caption, Media: w.UploadFile(SimMediaKind.Document, Base64(r.ContentBase64),
                string.IsNullOrWhiteSpace(r.FileName) ? throw new ArgumentException("FileName is required.") : r.FileName, r.MimeType))], false),
                Json.IReadOnlyListSimMessage)));
        sim.MapPost("/chats/{chatId:long}/edits", (HttpContext h, long chatId, SimWorld w) => Body(h, Json.EditRequest,
            r => Ok(new[] { r.FromUserId is { } u ? w.EditAsUser(u, chatId, r.MessageId, r.Text) : w.EditChannelPost(chatId, r.MessageId, r.Text) }, Json.IReadOnlyListSimMessage)));
        sim.MapPost("/chats/{chatId:long}/deletions", (HttpContext h, long chatId, SimWorld w) => Body(h, Json.DeleteRequest,
            r => { w.DeleteMessages(chatId, r.MessageIds); return Results.NoContent(); }));

        sim.MapPost("/buttons", (HttpContext h, SimWorld w) => Body(h, Json.PressButtonRequest,
            r => Ok(new PressButtonResponse(w.PressButton(r.UserId, r.ChatId, r.MessageId, r.Data)), Json.PressButtonResponse)));
        sim.MapGet("/callbacks/{queryId}", (string queryId, SimWorld w) =>
            w.GetCallbackAnswer(queryId) is { } a ? Ok(a, Json.SimCallbackAnswer) : Results.NotFound());

        sim.MapGet("/calls", (string? kind, long? userId, int? status, string? method, SimCallLog log) =>
            Run(() => Ok(log.Records(kind is null ? null : Enum.Parse<SimClientKind>(kind, ignoreCase: true), userId, status, method), Json.IReadOnlyListSimCallRecord)));
        sim.MapGet("/calls/counts", (SimCallLog log) =>
            Ok(new CallCountsResponse(log.ErrorCounts(), log.Count(429), log.Count(409), log.CountError("AUTH_KEY_DUPLICATED")), Json.CallCountsResponse));
        sim.MapDelete("/calls", (SimCallLog log) => { log.Clear(); return Results.NoContent(); });
        sim.MapGet("/deliveries", (long? botUserId, SimWorld w) => Ok(w.GetDeliveries(botUserId), Json.IReadOnlyListSimDelivery));

        sim.MapGet("/faults", (SimFaultInjector f) => Ok(f.List(), Json.IReadOnlyListSimFault));
        sim.MapPost("/faults", (HttpContext h, SimFaultInjector f) => Body(h, Json.SimFaultRule, r => Ok(new IdResponse(f.Add(r)), Json.IdResponse)));
        sim.MapDelete("/faults/{id:long}", (long id, SimFaultInjector f) => f.Remove(id) ? Results.NoContent() : Results.NotFound());
        sim.MapDelete("/faults", (SimFaultInjector f) => { f.Clear(); return Results.NoContent(); });

        sim.MapGet("/traffic", (SimTrafficGenerator t) => Ok(t.List(), Json.IReadOnlyListSimTrafficInfo));
        sim.MapPost("/traffic/channel", (HttpContext h, SimTrafficGenerator t) => Body(h, Json.ChannelTrafficOptions, r => Ok(new IdResponse(t.StartChannelPosting(r)), Json.IdResponse)));
        sim.MapPost("/traffic/churn", (HttpContext h, SimTrafficGenerator t) => Body(h, Json.MembershipChurnOptions, r => Ok(new IdResponse(t.StartMembershipChurn(r)), Json.IdResponse)));
        sim.MapPost("/traffic/guard", (HttpContext h, SimTrafficGenerator t) => Body(h, Json.GuardTrafficOptions, r => Ok(new IdResponse(t.StartGuardTraffic(r)), Json.IdResponse)));
        sim.MapDelete("/traffic/{id:long}", async (long id, SimTrafficGenerator t) => { await t.StopAsync(id).ConfigureAwait(false); return Results.NoContent(); });
        sim.MapDelete("/traffic", async (SimTrafficGenerator t) => { await t.StopAllAsync().ConfigureAwait(false); return Results.NoContent(); });
    }

    private static List<SimOutgoingMessage> Items(SimWorld w, PostRequest r)
    {
        SimMediaKind? kind = r.Media?.ToLowerInvariant() switch
        {
            null => null,
            "photo" => SimMediaKind.Photo,
            "video" => SimMediaKind.Video,
            "document" => SimMediaKind.Document,
            _ => throw new ArgumentException("Media must be photo, video or document."),
        };
        if (kind is null) return [new SimOutgoingMessage(r.Text, ReplyToMessageId: r.ReplyToMessageId)];
        return Enumerable.Range(0, Math.Max(1, r.AlbumSize))
            .Select(i => new SimOutgoingMessage(i == 0 ? r.Text : null, Media: w.UploadFile(kind.Value), ReplyToMessageId: i == 0 ? r.ReplyToMessageId : null)).ToList();
    }

    private static byte[] Base64(string? text)
    {
        try
        {
            return Convert.FromBase64String(text ?? throw new ArgumentException("ContentBase64 is required."));
        }
        catch (FormatException)
        {
            throw new ArgumentException("ContentBase64 is not base64.");
        }
    }

    private static IResult Ok<T>(T value, JsonTypeInfo<T> info) => Results.Json(value, info);

    private static IResult Run(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (SimException e)
        {
            return Results.Json(new ControlError(e.BotDescription), Json.ControlError, statusCode: 400);
        }
        catch (ArgumentException e)
        {
            return Results.Json(new ControlError(e.Message), Json.ControlError, statusCode: 400);
        }
    }

    private static async Task<IResult> Body<T>(HttpContext http, JsonTypeInfo<T> info, Func<T, IResult> action)
    {
        T? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, info, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Results.Json(new ControlError("Invalid JSON body: " + e.Message), Json.ControlError, statusCode: 400);
        }
        if (request is null) return Results.Json(new ControlError("A JSON body is required."), Json.ControlError, statusCode: 400);
        return Run(() => action(request));
    }
}
