namespace Cluster.AdminBot.Commands;

/// <summary>One command as /help, setMyCommands and the dispatcher know it: name, usage, what it does, how many
/// positional arguments it takes, and whether it changes the cluster (then it is written to the audit log).</summary>
public sealed record CommandDescriptor(string Name, string Usage, string Description, int MinArguments = 0, int MaxArguments = 0,
    bool ChangesState = false)
{
    public bool AcceptsArgumentCount(int count) => count >= MinArguments && count <= MaxArguments;
}
