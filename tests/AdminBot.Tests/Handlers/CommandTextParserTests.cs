using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Formatting;

namespace Cluster.AdminBot.Tests.Handlers;

/// <summary>How both front ends read commands, and the masking the replies and the audit log rely on.</summary>
public sealed class CommandTextParserTests
{
    [Fact]
    public void A_chat_command_with_the_bot_name_arguments_and_options_is_read_like_the_command_line()
    {
        var chat = CommandTextParser.ParseMessage("/Add_Pair@cluster_admin_bot p1 --source @a --dest=@b --dry-run")!;
        var cli = CommandTextParser.ParseArguments(["add_pair", "p1", "--source", "@a", "--dest=@b", "--dry-run"])!;

        foreach (var command in new[] { chat, cli })
        {
            Assert.Equal("add_pair", command.Name);
            Assert.Equal(["p1"], command.Arguments);
            Assert.Equal("@a", command.Option("source"));
            Assert.Equal("@b", command.Option("dest"));
            Assert.Equal("true", command.Option("dry-run"));
        }
    }

    [Theory]
    [InlineData("/new_campaign c1 --message \"Hi {first_name|all}, 20% off\" --accounts a,b", "Hi {first_name|all}, 20% off")]
    [InlineData("/new_campaign c1 --message \u201CHi all, 20% off\u201D --accounts a,b", "Hi all, 20% off")]
    [InlineData("/new_campaign c1 --message=\"Hi  all\" --accounts a,b", "Hi  all")]
    [InlineData("/new_campaign c1 --message 'Two\nlines' --accounts a,b", "Two\nlines")]
    [InlineData("/new_campaign c1 --message don't --accounts a,b", "don't")]
    [InlineData("/new_campaign c1 --accounts a,b --message \"never closed", "never closed")]
    public void A_quoted_value_on_telegram_is_one_value_with_its_spaces(string text, string message)
    {
        var command = CommandTextParser.ParseMessage(text)!;

        Assert.Equal(message, command.Option("message"));
        Assert.Equal("a,b", command.Option("accounts"));
        Assert.Equal(["c1"], command.Arguments);
    }

    [Fact]
    public void A_repeated_option_keeps_every_value_in_order_and_the_audit_shows_them_all()
    {
        var command = CommandTextParser.ParseArguments(["new_campaign", "c1", "--message", "one", "--variant", "two", "--variant=three", "--start"])!;

        Assert.Equal(["two", "three"], command.OptionValues("variant"));
        Assert.Equal("three", command.Option("variant"));
        Assert.Equal(["one"], command.OptionValues("MESSAGE"));
        Assert.Empty(command.OptionValues("media"));
        Assert.Equal("c1 --message one --variant two --variant three --start true", command.ToAuditArguments());
    }

    [Fact]
    public void Text_without_a_leading_slash_is_not_a_command()
    {
        Assert.Null(CommandTextParser.ParseMessage("acc-1"));
        Assert.Null(CommandTextParser.ParseMessage("/"));
        Assert.Null(CommandTextParser.ParseArguments([]));
    }

    [Fact]
    public void Audit_arguments_mask_secrets_and_phone_numbers()
    {
        var command = CommandTextParser.ParseArguments(["add_worker", "--account", "acc1", "--api-hash", "00112233445566778899aabbccddeeff",
            "--phone", "+1 555 123 4567", "--code", "12345", "--password", "hunter2"])!;

        var audit = command.ToAuditArguments();

        Assert.Equal("--account acc1 --api-hash *** --phone +15*******67 --code *** --password ***", audit);
    }

    [Theory]
    [InlineData("+1 555 123 4567", "+15*******67")]
    [InlineData("447700900123", "+44********23")]
    [InlineData("123", "+***")]
    [InlineData(null, "-")]
    public void Phone_numbers_keep_the_country_part_and_the_last_two_digits(string? phone, string masked)
        => Assert.Equal(masked, Show.Phone(phone));

    [Fact]
    public void Options_name_each_wrong_setting()
    {
        var errors = new AdminBotOptions { Admins = [-5], PageSize = 0, MaxLoginAttempts = 0 }.Validate(botMode: true);
        Assert.Contains(errors, e => e.StartsWith("AdminBot:Admins has -5", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AdminBot:PageSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AdminBot:MaxLoginAttempts", StringComparison.Ordinal));
        Assert.Empty(new AdminBotOptions().Validate(botMode: false));
        Assert.Contains(new AdminBotOptions().Validate(botMode: true), e => e.StartsWith("AdminBot:Admins is empty", StringComparison.Ordinal));
    }
}
