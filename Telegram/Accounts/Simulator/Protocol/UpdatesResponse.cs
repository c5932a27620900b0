namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>The answer of a long poll; poll again after <see cref="LastSeq"/>.</summary>
public sealed record UpdatesResponse(IReadOnlyList<UpdateWire> Updates, long LastSeq);
