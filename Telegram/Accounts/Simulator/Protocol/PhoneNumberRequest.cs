namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/phone</summary>
public sealed record PhoneNumberRequest(string PhoneNumber);
