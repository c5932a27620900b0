using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Campaigns;

namespace Cluster.Grains.Tests.Campaigns;

public sealed class MessageTemplateTests
{
    [Fact]
    public void Variables_are_filled_and_defaults_used_when_a_value_is_missing()
    {
        var template = new MessageTemplate(MessageText.Plain("Hi {first_name|there}, your code is {code}."));
        Assert.Equal(["first_name", "code"], template.Variables);
        Assert.Equal(["code"], template.RequiredVariables);
        Assert.Equal("Hi Ann, your code is 42.", template.Render(new Dictionary<string, string> { ["first_name"] = "Ann", ["code"] = "42" }).Text);
        Assert.Equal("Hi there, your code is 7.", template.Render(new Dictionary<string, string> { ["code"] = "7" }).Text);
        Assert.Equal("code", template.MissingFor(new Dictionary<string, string> { ["first_name"] = "Ann" }));
        Assert.Null(template.MissingFor(new Dictionary<string, string> { ["code"] = "1" }));
    }

    [Fact]
    public void Entities_keep_covering_the_same_words_after_replacements()
    {
        // "Hello {name}! Sale" with "Sale" bold (offset 14, length 4) and the variable inside an italic run (0..12).
        var text = new MessageText("Hello {name}! Sale", [new MessageEntity(0, 12, "italic"), new MessageEntity(14, 4, "bold")]);
        var rendered = new MessageTemplate(text).Render(new Dictionary<string, string> { ["name"] = "Alexandra" });
        Assert.Equal("Hello Alexandra! Sale", rendered.Text);
        Assert.Equal("Hello Alexandra", rendered.Text.Substring(rendered.Entities[0].Offset, rendered.Entities[0].Length));
        Assert.Equal("Sale", rendered.Text.Substring(rendered.Entities[1].Offset, rendered.Entities[1].Length));
    }

    [Fact]
    public void Braces_that_name_no_variable_stay_as_they_are()
    {
        var template = new MessageTemplate(MessageText.Plain("JSON: {\"a\": 1} and {}"));
        Assert.Empty(template.Variables);
        Assert.Equal("JSON: {\"a\": 1} and {}", template.Render(null).Text);
    }
}
