using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Core;

/// <summary>The silo core's main promises again on PostgreSQL (the production database). They fail, not skip,
/// when the PostgreSQL binaries are missing.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresCoreTests
{
    [Fact]
    public Task State_survives_deactivation_and_reactivation() => ActivationTests.StateSurvivesDeactivation(TestDatabases.Postgres);

    [Fact]
    public Task A_grain_resumes_from_storage_on_another_silo() => TwoSiloTests.GrainResumesOnAnotherSilo(TestDatabases.Postgres);

    [Fact]
    public Task A_state_write_after_another_silo_took_the_grain_over_throws_StaleEpochException()
        => FencingTests.StaleWriteIsRefused(TestDatabases.Postgres);

    [Fact]
    public Task Graceful_shutdown_hands_grains_to_the_other_silo_with_zero_failed_client_calls()
        => ShutdownTests.GracefulShutdownLosesNoCall(TestDatabases.Postgres);
}
