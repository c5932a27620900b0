using Cluster.AdminBot.Campaigns;

namespace Cluster.AdminBot.Tests.Handlers;

public sealed class AudienceParserTests
{
    [Fact]
    public void A_plain_list_imports_its_good_lines_and_names_the_bad_ones_by_line_number()
    {
        var import = AudienceParser.Parse("@alice_one\n\n# a comment\n123456789\nnot a user!\n+1 555 010 0200\n-5\n");
        Assert.Equal(["@alice_one", "123456789", "+15550100200"], import.Recipients.Select(r => r.Reference));
        Assert.Equal(2, import.BadLines.Count);
        Assert.StartsWith("line 5:", import.BadLines[0]);
        Assert.StartsWith("line 7:", import.BadLines[1]);
    }

    [Fact]
    public void A_csv_with_a_header_gives_each_recipient_its_variables()
    {
        var import = AudienceParser.Parse("phone,first_name,city\r\n+15550100200,Ann,\"Paris, FR\"\r\n+15550100201,Bo\r\n+15550100202,,Rome\r\n");
        Assert.Equal(2, import.Recipients.Count);
        Assert.Equal("Ann", import.Recipients[0].Variables!["first_name"]);
        Assert.Equal("Paris, FR", import.Recipients[0].Variables!["city"]);
        Assert.False(import.Recipients[1].Variables!.ContainsKey("first_name"));
        Assert.Equal(["line 3: 2 columns, the header has 3"], import.BadLines);
    }
}
