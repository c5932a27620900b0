namespace Cluster.AdminBot.Tests.Infrastructure;

/// <summary>How one command-line run of the admin bot ended.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}: {Output}{(Errors.Length > 0 ? Environment.NewLine + "stderr: " + Errors : "")}";
}
