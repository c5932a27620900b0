using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>An account of the test fleet: our account id, the simulated Telegram user behind it, and its grain.</summary>
internal sealed record FleetAccount(string AccountId, long UserId, IAccountGrain Grain);
