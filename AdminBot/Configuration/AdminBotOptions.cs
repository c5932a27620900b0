namespace Cluster.AdminBot.Configuration;

/// <summary>Settings of the admin bot (section <c>AdminBot</c>): who may use it and how its conversations behave.
/// The bot token is not here: it is <c>Telegram:Bot:Token</c>, read by the Bot API client.</summary>
public sealed class AdminBotOptions
{
    public const string SectionName = "AdminBot";

    /// <summary>Telegram user ids allowed to use the bot (<c>AdminBot:Admins:0</c>, ...). Required in bot mode; default empty.</summary>
    public List<long> Admins { get; set; } = [];

    /// <summary>How many lines /workers and /pairs show per page. Default 10.</summary>
    public int PageSize { get; set; } = 10;

    /// <summary>How many wrong login codes (and, separately, wrong 2FA passwords) /add_worker accepts before it gives up
    /// and removes the half-added worker. Default 3.</summary>
    public int MaxLoginAttempts { get; set; } = 3;

    /// <summary>The command-line front end's user id in the audit log (it has no Telegram identity). Default 0.</summary>
    public long CommandLineUserId { get; set; }

    /// <summary>How long a grain call of the bot may take before it is given up (Orleans' client response timeout). A call
    /// that was on its way to a silo when it died waits this long: shorter than Orleans' 30 s, so the admin gets an answer
    /// (and can ask again) while the cluster replaces the silo. Default 10 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest audience file /new_campaign reads when it is sent to the bot, in MB (1-20: the Bot API's getFile
    /// serves files up to 20 MB). Default 5, some 200,000 lines of user ids.</summary>
    public int MaxAudienceFileMegabytes { get; set; } = 5;

    /// <summary>The problems with these settings, each naming its key; <paramref name="botMode"/> also requires admins.</summary>
    public IReadOnlyList<string> Validate(bool botMode)
    {
        var errors = new List<string>();
        if (botMode && Admins.Count == 0)
            errors.Add($"{SectionName}:Admins is empty: list the Telegram user ids allowed to use the admin bot (AdminBot__Admins__0=123456789).");
        foreach (var admin in Admins)
            if (admin <= 0) errors.Add($"{SectionName}:Admins has {admin}, which is not a Telegram user id (a positive number).");
        if (PageSize is < 1 or > 50) errors.Add($"{SectionName}:PageSize must be between 1 and 50 (was {PageSize}).");
        if (CallTimeout <= TimeSpan.Zero) errors.Add($"{SectionName}:CallTimeout must be positive (was {CallTimeout}).");
        if (MaxAudienceFileMegabytes is < 1 or > 20)
            errors.Add($"{SectionName}:MaxAudienceFileMegabytes must be between 1 and 20, the Bot API's download limit (was {MaxAudienceFileMegabytes}).");
        if (MaxLoginAttempts is < 1 or > 10) errors.Add($"{SectionName}:MaxLoginAttempts must be between 1 and 10 (was {MaxLoginAttempts}).");
        return errors;
    }
}
