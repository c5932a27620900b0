using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Campaigns;

namespace Cluster.Grains.Tests.Campaigns;

public sealed class CampaignValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static CampaignDefinition Definition(string text = "Hello") => new()
    {
        Name = "test",
        Message = new CampaignMessage([MessageText.Plain(text)]),
        Pool = new CampaignAccountPool(["a1"]),
    };

    private static IReadOnlyList<CampaignRecipient> Audience(params string[] references) => references.Select(r => new CampaignRecipient(r)).ToList();

    private static string Refused(CampaignDefinition definition, IReadOnlyList<CampaignRecipient>? audience = null)
        => Assert.Throws<ArgumentException>(() => CampaignValidator.Validate(definition, audience ?? Audience("@someone"), Now, 1000)).Message;

    [Fact]
    public void An_empty_message_is_refused() => Assert.Contains("message is empty", Refused(Definition("  ")));

    [Fact]
    public void An_empty_audience_is_refused() => Assert.Contains("audience is empty", Refused(Definition(), Audience()));

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, 0)]
    public void Limits_of_zero_are_refused(int? hourly, int? daily)
    {
        var message = Refused(Definition() with { Limits = new CampaignLimits { PerAccountHourly = hourly, PerAccountDaily = daily ?? 100 } });
        Assert.Contains("must be at least 1 (is 0)", message);
    }

    [Fact]
    public void A_start_in_the_past_is_refused()
        => Assert.Contains("is in the past", Refused(Definition() with { Schedule = new CampaignSchedule(Now.AddHours(-1)) }));

    [Fact]
    public void Bad_references_and_missing_variables_are_named_by_position()
    {
        var audience = new List<CampaignRecipient>
        {
            new("@good_user"),
            new("not a user!"),
            new("+1 555 0100 200", new Dictionary<string, string> { ["first_name"] = "Bo" }),
        };
        var message = Refused(Definition("Hi {first_name}"), audience);
        Assert.Contains("recipient 1 (@good_user): no value for {first_name}", message);
        Assert.Contains("recipient 2:", message);
        Assert.DoesNotContain("recipient 3", message);
    }

    [Fact]
    public void References_are_made_canonical_and_repeats_dropped()
    {
        var result = CampaignValidator.Validate(Definition(), Audience("@Alice_1", "alice_1", "https://t.me/alice_1", "+1 (555) 010-0200", "123456789"), Now, 1000);
        Assert.Equal(["@Alice_1", "+15550100200", "123456789"], result.Recipients.Select(r => r.Reference));
        Assert.Equal(2, result.DuplicatesDropped);
    }
}
