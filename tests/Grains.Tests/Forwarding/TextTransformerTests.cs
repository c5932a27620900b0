using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Tests.Forwarding;

public class TextTransformerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    private static TextTransformer Transformer(string? header = null, string? footer = null, params TextReplacement[] replacements)
        => TextTransformer.Create(replacements, header, footer, Timeout);

    private static MessageEntity Bold(int offset, int length) => new(offset, length, "bold");

    [Fact]
    public void Literal_replacement_ignores_case_and_treats_dollar_literally()
    {
        var t = Transformer(replacements: new TextReplacement { Pattern = "@OldChannel", Replacement = "@new $1" });
        var result = t.Apply(MessageText.Plain("join @oldchannel today"));
        Assert.Equal("join @new $1 today", result.Text);
    }

    [Fact]
    public void Regex_replacement_uses_groups()
    {
        var t = Transformer(replacements: new TextReplacement { Pattern = @"price: (\d+)", Replacement = "cost $1 USD", IsRegex = true });
        Assert.Equal("cost 15 USD!", t.Apply(MessageText.Plain("price: 15!")).Text);
    }

    [Fact]
    public void Entities_after_a_replacement_move_with_the_text()
    {
        // "ab XYZ" with bold on "XYZ"; replacing "ab" by "abcd" shifts the bold by 2.
        var t = Transformer(replacements: new TextReplacement { Pattern = "ab", Replacement = "abcd", IgnoreCase = false });
        var result = t.Apply(new MessageText("ab XYZ", [Bold(3, 3)]));
        Assert.Equal("abcd XYZ", result.Text);
        var bold = Assert.Single(result.Entities);
        Assert.Equal("XYZ", result.Text.Substring(bold.Offset, bold.Length));
    }

    [Fact]
    public void Entity_around_a_replacement_grows_or_shrinks_with_it()
    {
        var t = Transformer(replacements: new TextReplacement { Pattern = "cat", Replacement = "tiger" });
        var result = t.Apply(new MessageText("a big cat here", [Bold(2, 7)])); // "big cat"
        var bold = Assert.Single(result.Entities);
        Assert.Equal("big tiger", result.Text.Substring(bold.Offset, bold.Length));
    }

    [Fact]
    public void Entity_cut_by_a_replacement_edge_is_dropped()
    {
        var t = Transformer(replacements: new TextReplacement { Pattern = "lo wo", Replacement = "X" });
        var result = t.Apply(new MessageText("hello world", [Bold(0, 5), Bold(6, 5), Bold(0, 11)]));
        Assert.Equal("helXrld", result.Text);
        var kept = Assert.Single(result.Entities); // only the entity around the whole text survives
        Assert.Equal(new MessageEntity(0, 7, "bold"), kept);
    }

    [Fact]
    public void Header_and_footer_frame_the_text_and_shift_entities()
    {
        var t = Transformer(header: "NEWS", footer: "via @us");
        var result = t.Apply(new MessageText("body", [Bold(0, 4)]));
        Assert.Equal("NEWS\nbody\nvia @us", result.Text);
        var bold = Assert.Single(result.Entities);
        Assert.Equal("body", result.Text.Substring(bold.Offset, bold.Length));
    }

    [Fact]
    public void Header_alone_captions_media_without_text()
    {
        Assert.Equal("NEWS", Transformer(header: "NEWS").Apply(MessageText.Empty).Text);
        Assert.Equal("via @us", Transformer(footer: "via @us").Apply(MessageText.Empty).Text);
    }

    [Fact]
    public void Too_long_result_shortens_the_body_keeps_the_footer_and_drops_cut_entities()
    {
        var t = Transformer(footer: "END");
        var body = new string('x', 20);
        var result = t.Apply(new MessageText(body, [Bold(0, 5), Bold(10, 10)]), maxLength: 15);
        Assert.Equal(15, result.Text.Length);
        Assert.EndsWith("\nEND", result.Text);
        Assert.Equal([Bold(0, 5)], result.Entities);
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var text = "ab" + "\U0001F600" + "cd"; // the emoji is 2 UTF-16 units at 2..3
        var result = TextTransformer.Identity.Apply(MessageText.Plain(text), maxLength: 3);
        Assert.Equal("ab", result.Text);
    }

    [Fact]
    public void Invalid_replacement_pattern_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => Transformer(replacements: new TextReplacement { Pattern = "[a-", IsRegex = true }));
        Assert.Contains("Replacements[0].Pattern", e.Message);
        Assert.Contains("'[a-'", e.Message);
    }

    [Fact]
    public void Identity_changes_nothing()
    {
        var input = new MessageText("same", [Bold(0, 4)]);
        Assert.True(TextTransformer.Identity.IsIdentity);
        var result = TextTransformer.Identity.Apply(input);
        Assert.Equal(input.Text, result.Text);
        Assert.Equal(input.Entities, result.Entities);
    }
}
