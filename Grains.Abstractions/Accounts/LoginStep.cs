namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>What an account waiting for log-in needs next from an admin.</summary>
[GenerateSerializer, Alias("Cluster.LoginStep")]
public enum LoginStep
{
    /// <summary>Nothing: the account is logged in or not connected.</summary>
    None,
    PhoneNumber,
    Code,
    Password,
}
