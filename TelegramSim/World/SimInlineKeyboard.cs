namespace Cluster.TelegramSim.World;

/// <summary>An inline keyboard attached to a message: rows of buttons.</summary>
public sealed record SimInlineKeyboard(IReadOnlyList<IReadOnlyList<SimInlineButton>> Rows)
{
    /// <summary>Finds a button by its callback data, or null.</summary>
    public SimInlineButton? FindByData(string data) => Rows.SelectMany(r => r).FirstOrDefault(b => b.CallbackData == data);

    /// <summary>Structural equality over rows (records compare lists by reference).</summary>
    public bool SameAs(SimInlineKeyboard? other) =>
        other is not null && Rows.Count == other.Rows.Count
        && Rows.Zip(other.Rows).All(p => p.First.SequenceEqual(p.Second));
}
