namespace Cluster.Silo.Demo;

/// <summary>One demo account to create: our account id, its phone number and how it logs in to the simulator.</summary>
public sealed record DemoAccountPlan(string AccountId, string Label, string PhoneNumber, string LoginCode, string? Password, bool IsPremium);
