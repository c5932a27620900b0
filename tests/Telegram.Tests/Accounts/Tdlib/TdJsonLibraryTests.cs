using System.Text.Json;
using Cluster.Telegram.Accounts.Tdlib;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

/// <summary>Loads the real libtdjson (install: bash tools/install-tdlib.sh). Without it these fail with the
/// install hint; they never skip.</summary>
[Trait("Category", "Tdlib")]
public sealed class TdJsonLibraryTests
{
    private static JsonElement Execute(string request) => JsonDocument.Parse(TdJsonLibrary.Execute(request)).RootElement.Clone();

    [Fact]
    public void The_library_loads_and_reports_version_1_8_65()
    {
        var path = TdJsonLibrary.EnsureLoaded();

        Assert.True(File.Exists(path), path);
        var version = Execute("""{"@type":"getOption","name":"version"}""");
        Assert.Equal("1.8.65", version.GetProperty("value").GetString());
    }

    [Fact]
    public void Set_log_verbosity_is_answered_ok_with_the_extra_echoed()
    {
        var answer = Execute("""{"@type":"setLogVerbosityLevel","new_verbosity_level":1,"@extra":"x1"}""");

        Assert.Equal("ok", answer.GetProperty("@type").GetString());
        Assert.Equal("x1", answer.GetProperty("@extra").GetString());
    }

    [Fact]
    public void Get_text_entities_finds_mentions_commands_and_urls()
    {
        var answer = Execute("""{"@type":"getTextEntities","text":"@telegram /start https://telegram.org"}""");

        var types = answer.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("type").GetProperty("@type").GetString()).ToList();
        Assert.Equal(["textEntityTypeMention", "textEntityTypeBotCommand", "textEntityTypeUrl"], types);
    }

    [Fact]
    public void Parse_text_entities_output_maps_to_the_port_formatted_text()
    {
        var answer = Execute("""{"@type":"parseTextEntities","text":"*bold* _it_ [link](https://example.org/)","parse_mode":{"@type":"textParseModeMarkdown","version":2}}""");

        var text = TdlibJsonMapper.ToFormattedText(answer);

        Assert.Equal("bold it link", text.Text);
        Assert.Equal(
            [new Cluster.Telegram.Accounts.TextEntity(0, 4, "bold"), new Cluster.Telegram.Accounts.TextEntity(5, 2, "italic"),
             new Cluster.Telegram.Accounts.TextEntity(8, 4, "text_link", "https://example.org/")],
            text.Entities);
    }

    [Fact]
    public void Requests_tdlib_cannot_run_synchronously_answer_an_error_that_maps_to_an_exception()
    {
        var answer = Execute("""{"@type":"getChat","chat_id":1}""");

        Assert.True(TdlibJsonMapper.IsError(answer));
        var ex = TdlibJsonMapper.ToException(answer);
        Assert.Equal(400, ex.Code);
    }
}
