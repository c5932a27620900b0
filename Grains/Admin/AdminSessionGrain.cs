using System.Security.Cryptography;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Admin;

/// <summary>One admin's multi-step conversation, persisted so it survives restarts of the AdminBot and of silos. Secret values
/// are encrypted with the session key before they are written; codes and passwords are refused outright.</summary>
[GrainType("admin-session")]
[PreferLocalPlacement]
public sealed class AdminSessionGrain(
    [PersistentState("admin-session")] IPersistentState<AdminSessionState> state,
    ApiHashProtector protector,
    IOptions<AdminOptions> options,
    TimeProvider clock,
    ILogger<AdminSessionGrain> logger) : Grain, IAdminSessionGrain
{
    // Names a login code or 2FA password could be stored under: they go straight to the account grain, never here.
    private static readonly string[] ForbiddenNameParts = ["code", "password", "2fa", "otp"];

    private string AdminId => this.GetPrimaryKeyString();

    public async Task<AdminConversation?> GetAsync()
    {
        if (state.State.Conversation is not { } stored) return null;
        if (stored.ExpiresAt <= clock.GetUtcNow())
        {
            AdminLog.ConversationExpired(logger, AdminId, stored.Command, stored.Step);
            await ClearAsync();
            return null;
        }
        try
        {
            return stored with { Secrets = stored.Secrets.ToDictionary(kv => kv.Key, kv => protector.Unprotect(ProtectorId(kv.Key), kv.Value)) };
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Encrypted with another session key: the conversation cannot go on; the admin starts it again.
            await ClearAsync();
            return null;
        }
    }

    public async Task<AdminConversation> SaveAsync(AdminConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversation.Command);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversation.Step);
        foreach (var name in conversation.Fields.Keys.Concat(conversation.Secrets.Keys))
        {
            if (ForbiddenNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"'{name}' looks like a login code or password; those are never stored: submit them to the account grain directly.", nameof(conversation));
        }
        var now = clock.GetUtcNow();
        var startedAt = conversation.StartedAt == default ? now : conversation.StartedAt;
        var expiresAt = conversation.ExpiresAt == default ? now + options.Value.ConversationTimeout : conversation.ExpiresAt;
        var stamped = conversation with { StartedAt = startedAt, ExpiresAt = expiresAt };
        state.State = new AdminSessionState
        {
            Conversation = stamped with { Secrets = stamped.Secrets.ToDictionary(kv => kv.Key, kv => protector.Protect(ProtectorId(kv.Key), kv.Value)) },
        };
        await state.WriteStateAsync();
        AdminLog.ConversationSaved(logger, AdminId, stamped.Command, stamped.Step);
        return stamped;
    }

    public async Task ClearAsync()
    {
        if (state.State.Conversation is null && !state.RecordExists) return;
        await state.ClearStateAsync();
        state.State = new AdminSessionState();
    }

    // Bound to the admin and the field name, so a stored value cannot be moved to another admin or field.
    private string ProtectorId(string name) => $"admin-session/{AdminId}/{name}";
}
