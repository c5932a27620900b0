namespace Cluster.AdminBot.Commands;

/// <summary>Which option names carry secrets or phone numbers, so the audit log and error messages never echo them.</summary>
internal static class CommandSecrets
{
    private static readonly HashSet<string> Secrets = new(StringComparer.OrdinalIgnoreCase) { "api-hash", "code", "password", "token" };

    public static bool IsSecret(string option) => Secrets.Contains(option);

    public static bool IsPhone(string option) => string.Equals(option, "phone", StringComparison.OrdinalIgnoreCase);
}
