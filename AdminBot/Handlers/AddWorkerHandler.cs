using System.Globalization;
using System.Text.RegularExpressions;
using Cluster.AdminBot.Audit;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Conversations;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Admin;
using Microsoft.Extensions.Options;

namespace Cluster.AdminBot.Handlers;

/// <summary>/add_worker: asks for the account id, api_id, api_hash and phone number, configures and starts the account,
/// then passes the login code and the 2FA password (if any) to it, until it is active. The api_hash, code and password
/// messages are deleted after use; codes and passwords are never stored. A wrong code or password is asked again up to
/// <see cref="AdminBotOptions.MaxLoginAttempts"/> times; an expired code, too many wrong answers or /cancel remove the
/// half-added worker, so nothing stays half-configured.</summary>
/// <remarks>On the command line: <c>add_worker --account acc1 --api-id 123 --api-hash ... --phone +1... --code 12345
/// [--password ...]</c>, through the same steps.</remarks>
public sealed partial class AddWorkerHandler(FleetDirectory fleet, ConversationRunner runner, AuditRecorder audit, IOptions<AdminBotOptions> options)
    : IConversationHandler
{
    private const string AccountStep = "account_id", ApiIdStep = "api_id", ApiHashStep = "api_hash", PhoneStep = "phone", CodeStep = "login", PasswordStep = "second_factor";
    private const string ConfiguredField = "configured";

    private static readonly Dictionary<string, string> CommandLineOptions = new()
    {
        [AccountStep] = "account", [ApiIdStep] = "api-id", [ApiHashStep] = "api-hash", [PhoneStep] = "phone", [CodeStep] = "code", [PasswordStep] = "password",
    };

    public string Kind => "add_worker";

    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("add_worker", "/add_worker", "add a worker: account id, api_id, api_hash, phone, login code, 2FA password")];

    public Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var first = new AdminConversation { Command = Kind, Step = AccountStep };
        if (admin.Transport == AdminTransport.CommandLine)
            return ConversationRunner.RunAllAsync(first, CommandLineOptions, command,
                (c, answer) => StepAsync(c, answer, admin, cancellationToken), c => AbandonAsync(c, admin, cancellationToken));
        return runner.StartAsync(admin, first,
            "Adding a worker. Send its account id (letters, digits, '-' and '_', up to 32), or /cancel at any step.", cancellationToken);
    }

    public async Task<AdminReply> ContinueAsync(AdminConversation conversation, string answer, AdminIdentity admin, CancellationToken cancellationToken)
        => await runner.ApplyAsync(admin, await StepAsync(conversation, answer, admin, cancellationToken), cancellationToken);

    public async Task<string> AbandonAsync(AdminConversation conversation, AdminIdentity admin, CancellationToken cancellationToken)
    {
        if (conversation.Field(ConfiguredField) is null || conversation.Field(AccountStep) is not { } id) return "";
        return await fleet.RemoveAccountAsync(id);
    }

    private async Task<StepResult> StepAsync(AdminConversation c, string answer, AdminIdentity admin, CancellationToken cancellationToken)
    {
        switch (c.Step)
        {
            case AccountStep:
                if (!AccountIdPattern().IsMatch(answer))
                    return StepResult.Again(c, $"'{answer}' is not a valid account id: use letters, digits, '-' and '_' (up to 32). Send another.");
                if (await fleet.FindAccountAsync(answer) is not null)
                    return StepResult.Again(c, $"A worker '{answer}' exists already. Send another account id.");
                return StepResult.Ask(c.WithField(AccountStep, answer).At(ApiIdStep), "Send the worker's api_id from my.telegram.org (a number).");

            case ApiIdStep:
                if (!int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var apiId) || apiId <= 0)
                    return StepResult.Again(c, "The api_id is a positive number (from my.telegram.org). Send it again.");
                return StepResult.Ask(c.WithField(ApiIdStep, answer).At(ApiHashStep),
                    "Send the api_hash (32 hexadecimal characters). I delete your message after reading it.");

            case ApiHashStep:
                if (!ApiHashPattern().IsMatch(answer))
                    return Secret(StepResult.Again(c, "The api_hash is 32 hexadecimal characters (from my.telegram.org). Send it again."));
                return Secret(StepResult.Ask(c.WithSecret(ApiHashStep, answer.ToLowerInvariant()).At(PhoneStep),
                    "Send the phone number of the account in international form (+15551234567)."));

            case PhoneStep:
                return await ConfigureAndStartAsync(c, answer, admin, cancellationToken);

            case CodeStep:
                return Secret(await LoginStepAsync(c, answer, password: false, admin, cancellationToken));

            case PasswordStep:
                return Secret(await LoginStepAsync(c, answer, password: true, admin, cancellationToken));

            default:
                return await GiveUpAsync(c, admin, $"/add_worker was at an unknown step '{c.Step}'", cancellationToken);
        }
    }

    private async Task<StepResult> ConfigureAndStartAsync(AdminConversation c, string answer, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var phone = NormalizePhone(answer);
        if (phone is null) return StepResult.Again(c, "That is not a phone number: send it in international form, like +15551234567.");
        var id = c.Field(AccountStep)!;
        if (!c.Secrets.TryGetValue(ApiHashStep, out var apiHash))
            return StepResult.Ask(c.At(ApiHashStep), "I need the api_hash again (it was not kept). Send it; I delete the message after reading it.");
        var account = fleet.Account(id);
        await account.ConfigureAsync(new AccountConfiguration
        {
            ApiId = int.Parse(c.Field(ApiIdStep)!, CultureInfo.InvariantCulture),
            ApiHash = apiHash,
            PhoneNumber = phone,
            Label = id,
        });
        var configured = c.WithField(ConfiguredField, "true").WithField(PhoneStep, Show.Phone(phone));
        AccountStatus status;
        try
        {
            status = await account.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            return await GiveUpAsync(configured, admin, $"Worker {id} could not start: {e.Message}", cancellationToken);
        }
        if (status is { State: AccountState.WaitingForLogin, LoginStep: LoginStep.Code })
            // The api_hash is in the account now; the conversation need not keep it.
            return StepResult.Ask(configured.WithoutSecrets().At(CodeStep),
                $"Telegram sent a login code to {Show.Phone(phone)}. Send it here, with spaces between the digits (1 2 3 4 5): " +
                "Telegram expires a code it sees written in a chat. I delete your message after reading it.");
        if (status.State == AccountState.Active) return await DoneAsync(configured, status, admin, cancellationToken);
        var why = status.ErrorReason ?? status.LastError ?? $"it is {status.State}";
        if (why.Contains("PHONE_NUMBER", StringComparison.Ordinal))
        {
            // Telegram refused this number: undo and ask for another, keeping the api_hash for the next try.
            await fleet.RemoveAccountAsync(id);
            return StepResult.Again(c, $"Telegram refused {Show.Phone(phone)} ({why}). Send another phone number, or /cancel.");
        }
        return await GiveUpAsync(configured, admin, $"Worker {id} did not reach the login code step: {why}", cancellationToken);
    }

    private async Task<StepResult> LoginStepAsync(AdminConversation c, string answer, bool password, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = c.Field(AccountStep)!;
        var account = fleet.Account(id);
        var secret = password ? answer : new string(answer.Where(char.IsAsciiDigit).ToArray());
        if (secret.Length == 0)
            return StepResult.Again(c, password ? "The password is empty. Send it again." : "The login code is digits. Send it again.");
        var result = password ? await account.SubmitPasswordAsync(secret) : await account.SubmitCodeAsync(secret);
        if (result.Accepted)
        {
            if (result.NextStep == LoginStep.Password)
                return StepResult.Ask(c.At(PasswordStep), "The account has two-step verification. Send its password; I delete your message after reading it.");
            var status = await account.GetStatusAsync();
            if (status.State is AccountState.Active or AccountState.Cooldown) return await DoneAsync(c, status, admin, cancellationToken);
            return await GiveUpAsync(c, admin, $"Worker {id} was logged in but is {status.State}: {status.ErrorReason ?? status.LastError}", cancellationToken);
        }
        var message = result.Message ?? "refused";
        if (message.Contains("PHONE_CODE_EXPIRED", StringComparison.Ordinal))
            return await GiveUpAsync(c, admin, "The login code has expired.", cancellationToken);
        var wrong = password ? message.Contains("PASSWORD_HASH_INVALID", StringComparison.Ordinal) : message.Contains("PHONE_CODE_INVALID", StringComparison.Ordinal);
        if (!wrong) return await GiveUpAsync(c, admin, $"Telegram refused the {(password ? "password" : "login code")}: {message}", cancellationToken);
        var attempts = c.Attempts + 1;
        var max = options.Value.MaxLoginAttempts;
        if (attempts >= max)
            return await GiveUpAsync(c, admin, $"Wrong {(password ? "password" : "login code")} {attempts} times.", cancellationToken);
        return StepResult.Again(c with { Attempts = attempts },
            $"Wrong {(password ? "password" : "login code")} (attempt {attempts} of {max}). Send it again, or /cancel.");
    }

    private async Task<StepResult> DoneAsync(AdminConversation c, AccountStatus status, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = c.Field(AccountStep)!;
        var who = status.Identity is { } identity ? $" as {(identity.Username is { } u ? "@" + u : identity.FirstName)}" : "";
        var reply = AdminReply.Ok($"Worker {id} added and {WorkersHandler.Describe(status.State, status.Enabled)}: logged in{who}.")
            .WithButtons(WorkerReplies.ControlButtons(id));
        await audit.RecordAsync(admin, Kind, AuditArguments(c), reply, cancellationToken);
        return StepResult.Ended(reply);
    }

    private async Task<StepResult> GiveUpAsync(AdminConversation c, AdminIdentity admin, string why, CancellationToken cancellationToken)
    {
        var undone = await AbandonAsync(c, admin, cancellationToken);
        var reply = AdminReply.Fail($"{why} {(undone.Length > 0 ? undone + " " : "")}Start again with /add_worker.");
        await audit.RecordAsync(admin, Kind, AuditArguments(c), reply, cancellationToken);
        return StepResult.Ended(reply);
    }

    private static StepResult Secret(StepResult result) => result with { Reply = result.Reply with { DeleteInput = true } };

    private static string AuditArguments(AdminConversation c)
        => $"{c.Field(AccountStep)} api_id={c.Field(ApiIdStep)} api_hash={AuditEntry.Masked} phone={c.Field(PhoneStep) ?? "-"}";

    private static string? NormalizePhone(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var plausible = text.Trim().All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')');
        return plausible && digits.Length is >= 7 and <= 15 ? "+" + digits : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex ApiHashPattern();
}
