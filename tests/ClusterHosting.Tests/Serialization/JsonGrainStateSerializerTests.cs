using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.Hosting.Serialization;

namespace Cluster.Hosting.Tests.Serialization;

// Two versions of one grain state, as an older and a newer build would have them.
public sealed class ProfileV1
{
    public string Name { get; set; } = "";
    public int Age { get; set; }
    public string? Retired { get; set; }
}

public sealed class ProfileV2
{
    public string Name { get; set; } = "";
    public int Age { get; set; }
    public string Nickname { get; set; } = "none";
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset? LastSeen { get; set; }
}

public sealed record Point(int X, int Y, string Label = "unnamed");

[JsonSerializable(typeof(ProfileV1))]
public sealed partial class ProfileV1JsonContext : JsonSerializerContext;

[JsonSerializable(typeof(ProfileV2))]
public sealed partial class ProfileV2JsonContext : JsonSerializerContext;

[JsonSerializable(typeof(Point))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
public sealed partial class CamelCaseJsonContext : JsonSerializerContext;

public sealed class JsonGrainStateSerializerTests
{
    private static readonly JsonGrainStateSerializer Older = new(ProfileV1JsonContext.Default);
    private static readonly JsonGrainStateSerializer Newer = new(ProfileV2JsonContext.Default);

    [Fact]
    public void State_round_trips()
    {
        var profile = new ProfileV2 { Name = "Ada", Age = 36, Nickname = "Countess", Tags = ["math", "engines"], LastSeen = new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero) };

        var read = Newer.Deserialize<ProfileV2>(Newer.Serialize(profile));

        Assert.Equal(profile.Name, read.Name);
        Assert.Equal(profile.Age, read.Age);
        Assert.Equal(profile.Nickname, read.Nickname);
        Assert.Equal(profile.Tags, read.Tags);
        Assert.Equal(profile.LastSeen, read.LastSeen);
    }

    [Fact]
    public void A_newer_version_reads_an_older_document_with_its_new_fields_at_their_defaults()
    {
        var stored = Older.Serialize(new ProfileV1 { Name = "Ada", Age = 36, Retired = "old field" });

        var read = Newer.Deserialize<ProfileV2>(stored);

        Assert.Equal("Ada", read.Name);
        Assert.Equal(36, read.Age);
        Assert.Equal("none", read.Nickname);
        Assert.Empty(read.Tags);
        Assert.Null(read.LastSeen);
    }

    [Fact]
    public void An_older_version_reads_a_newer_document_and_skips_the_fields_it_does_not_know()
    {
        var stored = Newer.Serialize(new ProfileV2 { Name = "Grace", Age = 45, Nickname = "Amazing", Tags = ["cobol"] });

        var read = Older.Deserialize<ProfileV1>(stored);

        Assert.Equal("Grace", read.Name);
        Assert.Equal(45, read.Age);
        Assert.Null(read.Retired);
    }

    [Fact]
    public void A_missing_constructor_parameter_takes_its_default()
    {
        var serializer = new JsonGrainStateSerializer(CamelCaseJsonContext.Default);

        var read = serializer.Deserialize<Point>(new BinaryData("""{"x":1,"y":2}"""u8.ToArray()));

        Assert.Equal(new Point(1, 2), read);
    }

    [Fact]
    public void Stored_state_is_human_readable_JSON()
    {
        var stored = Newer.Serialize(new ProfileV2 { Name = "Ada Lovelace", Age = 36, Tags = ["math"] });

        var text = Encoding.UTF8.GetString(stored.ToArray());

        Assert.Equal("""{"Name":"Ada Lovelace","Age":36,"Nickname":"none","Tags":["math"],"LastSeen":null}""", text);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
    }

    [Fact]
    public void The_first_contexts_settings_apply()
    {
        var serializer = new JsonGrainStateSerializer(CamelCaseJsonContext.Default, ProfileV2JsonContext.Default);

        Assert.Equal("""{"x":1,"y":2,"label":"a"}""", Encoding.UTF8.GetString(serializer.Serialize(new Point(1, 2, "a")).ToArray()));
        Assert.StartsWith("""{"name":"Ada","age":0,""", Encoding.UTF8.GetString(serializer.Serialize(new ProfileV2 { Name = "Ada" }).ToArray()));
    }

    [Fact]
    public void Several_contexts_together_know_all_their_types()
    {
        var serializer = new JsonGrainStateSerializer(ProfileV1JsonContext.Default, ProfileV2JsonContext.Default);

        Assert.Equal("Ada", serializer.Deserialize<ProfileV1>(serializer.Serialize(new ProfileV1 { Name = "Ada" })).Name);
        Assert.Equal("Grace", serializer.Deserialize<ProfileV2>(serializer.Serialize(new ProfileV2 { Name = "Grace" })).Name);
    }

    [Fact]
    public void A_type_no_context_knows_fails_with_its_name()
    {
        var write = Assert.Throws<InvalidOperationException>(() => Older.Serialize(new ProfileV2()));
        var read = Assert.Throws<InvalidOperationException>(() => Older.Deserialize<Point>(new BinaryData("{}"u8.ToArray())));

        Assert.Contains(typeof(ProfileV2).FullName!, write.Message);
        Assert.Contains(nameof(ProfileV1JsonContext), write.Message);
        Assert.Contains(typeof(Point).FullName!, read.Message);
    }

    [Fact]
    public void Without_a_context_every_state_type_is_refused_by_name()
    {
        var none = new JsonGrainStateSerializer();
        var write = Assert.Throws<InvalidOperationException>(() => none.Serialize(new ProfileV2()));
        Assert.Contains(typeof(ProfileV2).FullName!, write.Message);
    }
}
