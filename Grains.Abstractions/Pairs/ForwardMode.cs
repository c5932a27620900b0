namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>How a pair republishes a source message.</summary>
[GenerateSerializer, Alias("Cluster.ForwardMode")]
public enum ForwardMode
{
    /// <summary>Telegram's forward, with the "Forwarded from" header; text replacements and captions do not apply.</summary>
    Forward,
    /// <summary>A copy without the forward header; text replacements, header and footer apply.</summary>
    Copy,
}
