namespace Cluster.AdminBot.Commands;

/// <summary>Who runs a command and through which front end: the audit log's "who".</summary>
public sealed record AdminIdentity(long UserId, string Name, AdminTransport Transport)
{
    public override string ToString() => $"{Name} ({UserId}, {Transport})";
}
