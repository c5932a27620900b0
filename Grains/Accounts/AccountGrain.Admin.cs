using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.Grains.Accounts;

/// <summary>The account grain's admin side: /worker_stats statistics and removal of an account.</summary>
public sealed partial class AccountGrain
{
    public Task<AccountStatistics> GetStatisticsAsync() => throw new NotImplementedException();

    public Task DeleteAsync() => throw new NotImplementedException();
}
