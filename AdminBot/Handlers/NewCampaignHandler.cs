using System.Globalization;
using System.Text;
using Cluster.AdminBot.Campaigns;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Conversations;
using Cluster.AdminBot.Fleet;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Messages;
using Microsoft.Extensions.Options;

namespace Cluster.AdminBot.Handlers;

/// <summary>/new_campaign &lt;id&gt; with options: the message, the account pool, the audience (a file on the command line, or
/// typed), limits, schedule and retries. Bad audience lines are reported by number and the rest imported; everything else
/// that is wrong (no message, an unknown account, a limit of 0, a start in the past) is refused and nothing is created.
/// On Telegram, <c>/new_campaign</c> without options is guided: id, message, accounts, limits, then the audience typed as a
/// message (one recipient per line, or CSV) or sent as a .txt/.csv file; the campaign is created as a draft with a Start button.</summary>
public sealed class NewCampaignHandler(FleetDirectory fleet, ConversationRunner runner, IOptions<AdminBotOptions> options, IAdminFileSource? files = null)
    : IDocumentConversationHandler
{
    private const string IdStep = "campaign_id", MessageStep = "message", AccountsStep = "accounts", LimitsStep = "limits", AudienceStep = "audience";

    public string Kind => "new_campaign";

    public async Task<AdminReply> ContinueAsync(AdminConversation conversation, string answer, AdminIdentity admin, CancellationToken cancellationToken)
        => await runner.ApplyAsync(admin, await StepAsync(conversation, answer, admin, cancellationToken), cancellationToken);

    public Task<string> AbandonAsync(AdminConversation conversation, AdminIdentity admin, CancellationToken cancellationToken) => Task.FromResult("");

    private async Task<StepResult> StepAsync(AdminConversation c, string answer, AdminIdentity admin, CancellationToken cancellationToken)
    {
        switch (c.Step)
        {
            case IdStep:
                if (InvalidId(answer) is { } bad) return StepResult.Again(c, bad + " Send another.");
                if ((await Registry.ListAsync()).Any(x => x.CampaignId == answer)) return StepResult.Again(c, $"A campaign '{answer}' exists already. Send another id.");
                return StepResult.Ask(c.WithField(IdStep, answer).At(MessageStep),
                    "Send the message. Variables: {first_name} (a column of the audience), {first_name|friend} with a default. "
                    + "To send a photo, video, file or album, send the link of a post to copy (https://t.me/channel/123, or 123-125 for an album) "
                    + "and, on the next lines, its caption (none: the post's own).");
            case MessageStep:
                if (string.IsNullOrWhiteSpace(answer)) return StepResult.Again(c, "The message is empty. Send its text.");
                var (link, _) = SplitPostLink(answer);
                if (link is not null && !PostLinkParser.TryParse(link, out _, out var linkError)) return StepResult.Again(c, linkError + " Send the message again.");
                return StepResult.Ask(c.WithField(MessageStep, answer).At(AccountsStep), "Send the accounts to send from, separated by commas, or a tag like #sales.");
            case AccountsStep:
                var ids = answer.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (ids.Length == 0) return StepResult.Again(c, "Send at least one account id, or a tag.");
                if (!(ids.Length == 1 && ids[0].StartsWith('#')))
                {
                    var known = (await fleet.AccountsAsync()).Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
                    var unknown = ids.Where(id => !known.Contains(id)).ToList();
                    if (unknown.Count > 0) return StepResult.Again(c, $"Unknown account{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown)}. /workers lists them; send the accounts again.");
                }
                return StepResult.Ask(c.WithField(AccountsStep, string.Join(',', ids)).At(LimitsStep),
                    "Send the limits per account: sends per hour, per day and the delay between sends in seconds, e.g. \"20 100 2-5\", or \"default\" for those.");
            case LimitsStep:
                var parts = answer.Trim().Equals("default", StringComparison.OrdinalIgnoreCase) ? ["20", "100", "2-5"] : answer.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3) return StepResult.Again(c, "Send three values: hourly, daily, delay (e.g. \"20 100 2-5\"), or \"default\".");
                try
                {
                    var limits = Limits(AdminCommand.Of("limits") with { Options = new Dictionary<string, string> { ["hourly"] = parts[0], ["daily"] = parts[1], ["delay"] = parts[2] } });
                    if (limits.PerAccountHourly < 1 || limits.PerAccountDaily < 1) return StepResult.Again(c, "Limits must be at least 1. Send the limits again.");
                }
                catch (FormatException e)
                {
                    return StepResult.Again(c, e.Message + " Send the limits again.");
                }
                return StepResult.Ask(c.WithField(LimitsStep, string.Join(' ', parts)).At(AudienceStep),
                    $"Send the audience as one message or as a .txt/.csv file (up to {MaxAudienceFileBytes / (1024 * 1024)} MB): one recipient per line (user id, @username or +phone), or CSV whose header names a column recipient, username or phone and the variables.");
            case AudienceStep:
                return await AudienceAsync(c, AudienceParser.Parse(answer), cancellationToken);
            default:
                return StepResult.Ended(AdminReply.Fail($"/new_campaign was at an unknown step '{c.Step}'. Start again with /new_campaign."));
        }
    }

    /// <summary>The audience step's answer as a file sent to the bot: a .txt or .csv (text/plain, text/csv) of at most
    /// <see cref="MaxAudienceFileBytes"/>, UTF-8 (a BOM is fine), read like a typed audience. Anything else is refused and
    /// the question asked again; nothing is created.</summary>
    public async Task<AdminReply> ContinueWithDocumentAsync(AdminConversation conversation, AdminDocument document, AdminIdentity admin, CancellationToken cancellationToken)
        => await runner.ApplyAsync(admin, await DocumentStepAsync(conversation, document, cancellationToken), cancellationToken);

    private async Task<StepResult> DocumentStepAsync(AdminConversation c, AdminDocument document, CancellationToken cancellationToken)
    {
        if (c.Step != AudienceStep) return StepResult.Again(c, $"This step takes a typed answer, not a file: {document.Label} was not read. Send the answer as a message.");
        if (!IsTextFile(document))
            return StepResult.Again(c, $"{Capitalized(document.Label)} is not a text or CSV file ({document.MimeType ?? "no type"}): send the audience as a .txt or .csv file, or type it.");
        if (files is null) return StepResult.Again(c, "Files cannot be read here: type the audience as a message.");
        byte[] content;
        try
        {
            content = await files.ReadAsync(document, MaxAudienceFileBytes, cancellationToken);
        }
        catch (AdminFileTooLargeException)
        {
            return StepResult.Again(c, $"{Capitalized(document.Label)} is larger than {MaxAudienceFileBytes / (1024 * 1024)} MB: split the audience into smaller files, or send one of at most that size.");
        }
        catch (IOException e)
        {
            return StepResult.Again(c, $"{Capitalized(document.Label)} could not be read: {e.Message} Send it again.");
        }
        string text;
        try
        {
            text = AudienceParser.DecodeUtf8(content);
        }
        catch (DecoderFallbackException)
        {
            return StepResult.Again(c, $"{Capitalized(document.Label)} is not UTF-8 text: save it as UTF-8 (CSV UTF-8) and send it again.");
        }
        return await AudienceAsync(c, AudienceParser.Parse(text), cancellationToken);
    }

    /// <summary>The largest audience file the bot reads (<see cref="AdminBotOptions.MaxAudienceFileMegabytes"/>).</summary>
    private long MaxAudienceFileBytes => options.Value.MaxAudienceFileMegabytes * 1024L * 1024;

    private static readonly string[] TextMimeTypes = ["text/plain", "text/csv", "text/comma-separated-values", "application/csv"];

    private static bool IsTextFile(AdminDocument document)
        => document.MimeType is { } mime && TextMimeTypes.Contains(mime.Split(';', 2)[0].Trim(), StringComparer.OrdinalIgnoreCase)
           || Path.GetExtension(document.FileName ?? "") is { } extension
              && (extension.Equals(".txt", StringComparison.OrdinalIgnoreCase) || extension.Equals(".csv", StringComparison.OrdinalIgnoreCase));

    private static string Capitalized(string label) => label.Length > 0 && char.IsLower(label[0]) ? char.ToUpperInvariant(label[0]) + label[1..] : label;

    /// <summary>The last step, typed or sent as a file: creates the campaign from the answers, or asks again when no line is good.</summary>
    private async Task<StepResult> AudienceAsync(AdminConversation c, AudienceImport audience, CancellationToken cancellationToken)
    {
        if (audience.Recipients.Count == 0) return StepResult.Again(c, "The audience has no valid recipient." + BadLines(audience) + "\nSend it again.");
        var limitParts = c.Field(LimitsStep)!.Split(' ');
        var accounts = c.Field(AccountsStep)!;
        var (link, caption) = SplitPostLink(c.Field(MessageStep)!);
        var options = new Dictionary<string, string>
        {
            ["message"] = caption,
            ["hourly"] = limitParts[0],
            ["daily"] = limitParts[1],
            ["delay"] = limitParts[2],
            [accounts.StartsWith('#') ? "tag" : "accounts"] = accounts,
        };
        if (link is not null) options["media"] = link;
        return StepResult.Ended(await CreateAsync(c.Field(IdStep)!, new AdminCommand(Kind, [c.Field(IdStep)!], options), audience, cancellationToken));
    }

    /// <summary>A typed message whose first line is a post link: the link, and the caption on the lines after it.</summary>
    private static (string? Link, string Caption) SplitPostLink(string answer)
    {
        var lines = answer.Trim().Split('\n', 2);
        return PostLinkParser.LooksLikeLink(lines[0]) ? (lines[0].Trim(), lines.Length > 1 ? lines[1].Trim() : "") : (null, answer);
    }

    private ICampaignRegistryGrain Registry => fleet.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key);

    private static string? InvalidId(string id)
        => id.Length is 0 or > 40 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? $"'{id}' is not a campaign id: 1-40 letters, digits, - or _." : null;
    public const string Usage = "/new_campaign <id> (--message <text> | --media <post link> [--message <caption>]) (--accounts <a,b> | --tag <tag>) "
        + "(--audience-file <path> | --audience <refs>) [--variant <text>]... [--hourly N] [--daily N] [--campaign-hourly N] [--campaign-daily N] [--delay 2-5] [--start-at <ISO time>] [--hours 9-18] [--attempts 3] [--start]";

    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("new_campaign", Usage, "create a campaign of private messages from user accounts (guided on Telegram)", 0, 1, ChangesState: true)];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        if (admin.Transport == AdminTransport.Telegram && command.Options.Count == 0)
        {
            var first = new AdminConversation { Command = Kind, Step = IdStep };
            if (command.Arguments.Count == 1) return await runner.ApplyAsync(admin, await StepAsync(first, command.Arguments[0].Trim(), admin, cancellationToken), cancellationToken);
            return await runner.StartAsync(admin, first, "Creating a campaign. Send its id (letters, digits, - and _), or /cancel at any step.", cancellationToken);
        }
        if (command.Arguments.Count == 0) return AdminReply.Fail("Give the campaign's id. Usage: " + Usage);
        var id = command.Arguments[0].Trim();
        if (InvalidId(id) is { } badId) return AdminReply.Fail(badId);
        if (string.IsNullOrWhiteSpace(command.Option("message")) && command.Option("media") is null)
            return AdminReply.Fail("The message is empty: give --message <text>, or --media <post link> to copy a photo, video, file or album. Usage: " + Usage);

        AudienceImport audience;
        if (command.Option("audience-file") is { } path)
        {
            // Files are read only where the admin runs the command: a Telegram admin sends the file to the bot instead.
            if (admin.Transport != AdminTransport.CommandLine)
                return AdminReply.Fail("--audience-file works on the command line; on Telegram type the audience with --audience, or send /new_campaign and then the file.");
            if (!File.Exists(path)) return AdminReply.Fail($"There is no file '{path}'.");
            audience = AudienceParser.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        }
        else if (command.Option("audience") is { } typed) audience = AudienceParser.Parse(typed.Replace(' ', '\n'));
        else return AdminReply.Fail("Give the audience: --audience-file <path> or --audience <refs>.");
        if (audience.Recipients.Count == 0)
            return AdminReply.Fail("The audience has no valid recipient." + BadLines(audience));

        return await CreateAsync(id, command, audience, cancellationToken);
    }

    private async Task<AdminReply> CreateAsync(string id, AdminCommand command, AudienceImport audience, CancellationToken cancellationToken)
    {
        CampaignDefinition definition;
        try
        {
            definition = new CampaignDefinition
            {
                Name = command.Option("name") ?? id,
                Message = MessageOf(command),
                Pool = new CampaignAccountPool((command.Option("accounts") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), command.Option("tag")),
                Limits = Limits(command),
                Schedule = Schedule(command),
                Retry = new CampaignRetryPolicy(Int(command, "attempts") ?? 3),
                StartNow = command.Options.ContainsKey("start"),
            };
        }
        catch (FormatException e)
        {
            return AdminReply.Fail(e.Message + " Usage: " + Usage);
        }

        try
        {
            var created = await fleet.Grains.GetGrain<ICampaignGrain>(id).CreateAsync(definition, audience.Recipients);
            var text = new StringBuilder($"Campaign {id} created with {created.Status.Counts.Total} recipients in {created.Status.Chunks} chunk(s), {created.Status.Accounts.Count} account(s): {created.Status.State.ToString().ToLowerInvariant()}.");
            if (created.DuplicatesDropped > 0) text.Append($" {created.DuplicatesDropped} repeated recipient(s) dropped.");
            text.Append(BadLines(audience));
            return AdminReply.Ok(text.ToString()).WithButtons(CampaignReplies.Buttons(created.Status));
        }
        catch (ArgumentException e)
        {
            return AdminReply.Fail("Not created: " + e.Message.Split(" (Parameter", 2)[0]);
        }
        catch (InvalidOperationException e)
        {
            return AdminReply.Fail("Not created: " + e.Message);
        }
    }

    /// <summary>The message: --message and every --variant (each a text, or with --media a caption), and the post to copy.
    /// A copy without --message keeps the post's own caption.</summary>
    private static CampaignMessage MessageOf(AdminCommand command)
    {
        PostReference? post = null;
        if (command.Option("media") is { } link && !PostLinkParser.TryParse(link, out post, out var error)) throw new FormatException("--media: " + error);
        var texts = new[] { command.Option("message") }.Concat(command.OptionValues("variant")).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (post is not null && texts.Count > 0 && string.IsNullOrWhiteSpace(command.Option("message")))
            throw new FormatException("Give the first caption with --message; --variant adds more.");
        return new CampaignMessage(texts.Select(t => MessageText.Plain(t!)).ToList(), post);
    }

    private static string BadLines(AudienceImport audience)
        => audience.BadLines.Count == 0 ? "" : $"\n{audience.BadLines.Count} bad line(s) left out:\n" + string.Join('\n', audience.BadLines.Take(20)) + (audience.BadLines.Count > 20 ? "\n..." : "");

    private static int? Int(AdminCommand command, string name)
    {
        if (command.Option(name) is not { } text) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"--{name} must be a whole number (is '{text}').");
    }

    private static CampaignLimits Limits(AdminCommand command)
    {
        var limits = new CampaignLimits();
        if (Int(command, "hourly") is { } h) limits = limits with { PerAccountHourly = h };
        if (Int(command, "daily") is { } d) limits = limits with { PerAccountDaily = d };
        if (Int(command, "campaign-hourly") is { } ch) limits = limits with { CampaignHourly = ch };
        if (Int(command, "campaign-daily") is { } cd) limits = limits with { CampaignDaily = cd };
        if (command.Option("delay") is { } delay)
        {
            var parts = delay.Split('-', 2);
            if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
                || !double.TryParse(parts.Length > 1 ? parts[1] : parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var max))
                throw new FormatException($"--delay must be seconds, or a range like 2-5 (is '{delay}').");
            limits = limits with { MinDelay = TimeSpan.FromSeconds(min), MaxDelay = TimeSpan.FromSeconds(max) };
        }
        return limits;
    }

    private static CampaignSchedule Schedule(AdminCommand command)
    {
        DateTimeOffset? start = null;
        if (command.Option("start-at") is { } at)
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                throw new FormatException($"--start-at must be a time like 2026-12-24T09:00Z (is '{at}').");
            start = parsed;
        }
        int? from = null, to = null;
        if (command.Option("hours") is { } hours)
        {
            var parts = hours.Split('-', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], out var f) || !int.TryParse(parts[1], out var t))
                throw new FormatException($"--hours must be a UTC hour range like 9-18 (is '{hours}').");
            (from, to) = (f, t);
        }
        return new CampaignSchedule(start, from, to);
    }
}
