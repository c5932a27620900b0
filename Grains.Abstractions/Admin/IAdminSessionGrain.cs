
namespace Cluster.Grains.Abstractions.Admin;

/// <summary>The multi-step conversation (/add_worker, /add_pair, /assign_channels) one admin has with the AdminBot, keyed by
/// the admin's Telegram user id (<c>userId.ToString(CultureInfo.InvariantCulture)</c>). Persisted, so a half-finished
/// conversation survives an AdminBot or silo restart; at most one conversation per admin.</summary>
/// <remarks>Secrets: values put in <see cref="AdminConversation.Secrets"/> (the api_hash) are stored encrypted and returned in
/// clear only to the caller. Login codes and 2FA passwords must never be saved here: send them straight to
/// <c>IAccountGrain.SubmitCodeAsync</c>/<c>SubmitPasswordAsync</c>; fields or secrets named like them are refused.</remarks>
[Alias("Cluster.IAdminSessionGrain")]
public interface IAdminSessionGrain : IGrainWithStringKey
{
    /// <summary>The current conversation, or null when there is none or it expired (an expired one is cleared).</summary>
    [Alias("GetAsync")]
    Task<AdminConversation?> GetAsync();

    /// <summary>Stores the conversation, replacing any previous one; returns it as stored. A default
    /// <see cref="AdminConversation.StartedAt"/> becomes now, a default <see cref="AdminConversation.ExpiresAt"/> becomes
    /// now + <c>Cluster:Admin:ConversationTimeout</c> (15 min). ArgumentException for an empty command or step, or a
    /// field or secret named like a login code or password.</summary>
    [Alias("SaveAsync")]
    Task<AdminConversation> SaveAsync(AdminConversation conversation);

    /// <summary>Ends the conversation (done or /cancel) and removes it from storage. No-op when there is none.</summary>
    [Alias("ClearAsync")]
    Task ClearAsync();
}
