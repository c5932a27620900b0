using System.Text.Json;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Control;

/// <summary>Loads a JSON world file (<see cref="WorldFileModel"/>) into a world.</summary>
public static class WorldFile
{
    public static void LoadInto(SimWorld world, string path)
    {
        WorldFileModel model;
        try
        {
            model = JsonSerializer.Deserialize(File.ReadAllText(path), SimControlJsonContext.Default.WorldFileModel)
                ?? throw new InvalidDataException($"World file '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"World file '{path}' is not valid JSON: {e.Message}", e);
        }
        Load(world, model);
    }

    public static void Load(SimWorld world, WorldFileModel model)
    {
        foreach (var u in model.Users ?? []) world.CreateUser(u.FirstName, u.Username, isPremium: u.IsPremium, id: u.Id);
        foreach (var a in model.Accounts ?? []) world.CreateAccount(a.Phone, a.FirstName, a.Username, a.Password, a.LoginCode, a.IsPremium, a.Id);
        foreach (var b in model.Bots ?? []) world.CreateBot(b.Username, b.FirstName, b.Token, b.PrivacyMode, b.Id);
        var created = new List<(WorldFileChat Model, long Id)>();
        foreach (var c in model.Chats ?? [])
        {
            var owner = c.Owner is null ? (long?)null : ResolveUser(world, c.Owner);
            var chat = c.Type.ToLowerInvariant() switch
            {
                "channel" => world.CreateChannel(c.Title, c.Username, owner, c.Description, c.Id),
                "supergroup" => world.CreateSupergroup(c.Title, c.Username, owner, c.Description, c.Id),
                "group" => world.CreateGroup(c.Title, owner, c.Id),
                _ => throw new InvalidDataException($"Chat '{c.Title}': type must be channel, supergroup or group, not '{c.Type}'."),
            };
            created.Add((c, chat.Id));
            foreach (var m in c.Members ?? [])
            {
                var user = ResolveUser(world, m.User);
                switch (m.Status.ToLowerInvariant())
                {
                    case "member": world.AddMember(chat.Id, user); break;
                    case "administrator": world.MakeAdmin(chat.Id, user); break;
                    case "restricted": world.SetMember(new SimMember(chat.Id, user, SimMemberStatus.Restricted, world.Now, Permissions: SimPermissions.Muted)); break;
                    case "kicked": world.SetMember(new SimMember(chat.Id, user, SimMemberStatus.Kicked, world.Now, IsMember: false)); break;
                    default: throw new InvalidDataException($"Chat '{c.Title}': member status must be member, administrator, restricted or kicked, not '{m.Status}'.");
                }
            }
            foreach (var post in c.Posts ?? []) world.PostToChannel(chat.Id, post);
        }
        foreach (var (c, id) in created)
        {
            if (c.LinkedChat is { } linked)
                world.LinkChats(id, world.FindByUsername(linked) ?? throw new InvalidDataException($"Chat '{c.Title}': linked chat '{linked}' not found."));
        }
    }

    private static long ResolveUser(SimWorld world, string reference)
    {
        if (reference.StartsWith('@')) return world.FindByUsername(reference) is { } id and > 0 ? id : throw new InvalidDataException($"No user '{reference}'.");
        if (reference.StartsWith('+')) return world.FindAccountByPhone(reference)?.UserId ?? throw new InvalidDataException($"No account with phone '{reference}'.");
        return long.TryParse(reference, out var n) && world.FindUser(n) is not null ? n : throw new InvalidDataException($"No user '{reference}'.");
    }
}
