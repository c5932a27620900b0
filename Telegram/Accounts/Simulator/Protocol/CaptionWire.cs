namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>A new caption for one copied message.</summary>
public sealed record CaptionWire(long MessageId, TextWire Text);
