namespace Cluster.Runtime;

/// <summary>The cluster-wide identity of a grain: its grain type name and its key.
/// Written as "type/key"; the type never contains '/', the key may.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    public static GrainId Parse(string value)
    {
        var slash = value.IndexOf('/');
        if (slash <= 0 || slash == value.Length - 1)
            throw new FormatException($"'{value}' is not a grain id; expected 'type/key'.");
        return new GrainId(value[..slash], value[(slash + 1)..]);
    }
}
