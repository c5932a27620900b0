using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Telegram.Accounts;

namespace Cluster.Grains.Campaigns;

/// <summary>Checks a campaign before anything is stored; every problem is an <see cref="ArgumentException"/> whose message
/// says what is wrong and where. The audience comes back with references in canonical form and repeats dropped.</summary>
public static class CampaignValidator
{
    public sealed record Result(IReadOnlyList<CampaignRecipient> Recipients, int DuplicatesDropped);

    /// <summary>A start time this far in the past is taken as "now" (the operator's clock, the time to type it).</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(5);

    /// <summary>Telegram's longest message text, and its longest caption (of accounts without Premium).</summary>
    public const int MaxTextLength = 4096, MaxCaptionLength = 1024;

    public static Result Validate(CampaignDefinition definition, IReadOnlyList<CampaignRecipient>? audience, DateTimeOffset now, int maxRecipients)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Name)) throw new ArgumentException("The campaign needs a name.", nameof(definition));
        var media = definition.Message?.Media;
        if (definition.Message?.Variants is not { } variants || (variants.Count == 0 && media is null) || variants.Any(v => v is null || string.IsNullOrWhiteSpace(v.Text)))
            throw new ArgumentException("The message is empty: give a text (every variant needs one), or a post to copy.", nameof(definition));
        if (media is null && variants.Any(v => v.Text.Length > MaxTextLength))
            throw new ArgumentException($"The message is longer than Telegram's {MaxTextLength:N0} characters.", nameof(definition));
        if (media is not null)
        {
            media.Validate();
            if (variants.Any(v => v.Text.Length > MaxCaptionLength))
                throw new ArgumentException($"A caption is longer than Telegram's {MaxCaptionLength:N0} characters.", nameof(definition));
        }
        ValidateLimits(definition.Limits ?? throw new ArgumentException("The limits are missing.", nameof(definition)));
        ValidateSchedule(definition.Schedule ?? CampaignSchedule.Now, now);
        if (definition.Retry is { MaxAttempts: < 1 or > 10 } r) throw new ArgumentException($"The retry policy's attempts must be 1-10 (is {r.MaxAttempts}).", nameof(definition));
        if (definition.Retry?.RetryDelay is { } delay && delay < TimeSpan.Zero) throw new ArgumentException("The retry delay must not be negative.", nameof(definition));
        if (definition.Pool is null || (definition.Pool.AccountIds.Count == 0 && string.IsNullOrWhiteSpace(definition.Pool.Tag)))
            throw new ArgumentException("The account pool is empty: name accounts or a tag.", nameof(definition));

        if (audience is not { Count: > 0 }) throw new ArgumentException("The audience is empty: give at least one recipient.", nameof(audience));
        if (audience.Count > maxRecipients) throw new ArgumentException($"The audience has {audience.Count:N0} recipients; a campaign may have at most {maxRecipients:N0}.", nameof(audience));
        var templates = variants.Select(v => new Cluster.Grains.Campaigns.MessageTemplate(v)).ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var recipients = new List<CampaignRecipient>(audience.Count);
        var problems = new List<string>();
        for (var i = 0; i < audience.Count; i++)
        {
            var recipient = audience[i];
            if (!UserReference.TryParse(recipient?.Reference, out var reference, out var error))
            {
                problems.Add($"recipient {i + 1}: {error}");
                continue;
            }
            if (templates.Select(t => t.MissingFor(recipient!.Variables)).FirstOrDefault(m => m is not null) is { } missing)
            {
                problems.Add($"recipient {i + 1} ({reference}): no value for {{{missing}}}");
                continue;
            }
            if (seen.Add(reference.ToString())) recipients.Add(recipient! with { Reference = reference.ToString() });
        }
        if (problems.Count > 0)
            throw new ArgumentException($"{problems.Count} bad recipient{(problems.Count > 1 ? "s" : "")}: {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? "; ..." : "")}", nameof(audience));
        return new Result(recipients, audience.Count - recipients.Count);
    }

    private static void ValidateLimits(CampaignLimits l)
    {
        static void AtLeastOne(int? value, string what)
        {
            if (value is < 1) throw new ArgumentException($"The {what} limit must be at least 1 (is {value}); leave it out for no campaign limit.", "definition");
        }
        AtLeastOne(l.PerAccountHourly, "per-account hourly");
        AtLeastOne(l.PerAccountDaily, "per-account daily");
        AtLeastOne(l.CampaignHourly, "campaign hourly");
        AtLeastOne(l.CampaignDaily, "campaign daily");
        if (l.PerAccountHourly is { } h && l.PerAccountDaily is { } d && d < h)
            throw new ArgumentException($"The per-account daily limit ({d}) is below the hourly one ({h}).", "definition");
        if (l.MinDelay < TimeSpan.Zero) throw new ArgumentException("The delay between sends must not be negative.", "definition");
        if (l.MaxDelay < l.MinDelay) throw new ArgumentException($"The delay's maximum ({l.MaxDelay.TotalSeconds:0.#} s) is below its minimum ({l.MinDelay.TotalSeconds:0.#} s).", "definition");
    }

    private static void ValidateSchedule(CampaignSchedule s, DateTimeOffset now)
    {
        if (s.StartAt is { } start && start < now - StartGrace)
            throw new ArgumentException($"The start time {start:u} is in the past (now {now:u}).", "definition");
        if (s.AllowedFromHour.HasValue != s.AllowedToHour.HasValue)
            throw new ArgumentException("Allowed hours need both a first hour and an end hour.", "definition");
        if (s.AllowedFromHour is { } from && s.AllowedToHour is { } to)
        {
            if (from is < 0 or > 23 || to is < 0 or > 23) throw new ArgumentException($"Allowed hours are 0-23 (are {from}-{to}).", "definition");
            if (from == to) throw new ArgumentException($"Allowed hours {from}-{to} leave no hour to send in.", "definition");
        }
    }
}
