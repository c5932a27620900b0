namespace Cluster.Deployment.Tests;

/// <summary>What distinguishes the overlays: dev brings its own PostgreSQL on a volume; prod uses an external
/// database whose connection string comes from a Secret, with more silos and stricter resources.</summary>
[Trait("Category", "Deployment")]
public sealed class OverlayTests
{
    [Fact]
    public void Dev_runs_postgres_as_a_stateful_set_with_a_volume_claim_behind_a_service()
    {
        var dev = Kustomize.Render("dev");
        var postgres = dev.Get("StatefulSet", "postgres");
        var claims = postgres.Root.At("spec", "volumeClaimTemplates").Items().ToList();
        Assert.NotEmpty(claims);
        var claimName = claims[0].At("metadata", "name").Text();
        Assert.Contains(postgres.Container("postgres").At("volumeMounts").Items(), m => m.At("name").Text() == claimName);
        var service = dev.Get("Service", "postgres");
        Assert.Contains(service.Root.At("spec", "ports").Items(), p => p.At("port").Text() == "5432");
    }

    [Fact]
    public void Dev_silos_and_admin_bot_point_at_the_in_cluster_postgres()
    {
        var dev = Kustomize.Render("dev");
        foreach (var (workload, container) in new[] { ("silo", "silo"), ("adminbot", "adminbot") })
        {
            var connection = dev.Setting(dev.Get("Deployment", workload).Container(container), "Cluster__Storage__ConnectionString");
            Assert.NotNull(connection);
            Assert.Contains("Host=postgres;", connection);
            Assert.Equal("Postgres", dev.Setting(dev.Get("Deployment", workload).Container(container), "Cluster__Storage__Provider"));
        }
    }

    [Fact]
    public void Prod_takes_the_connection_string_from_a_secret_and_runs_no_database_of_its_own()
    {
        var prod = Kustomize.Render("prod");
        foreach (var (workload, container) in new[] { ("silo", "silo"), ("adminbot", "adminbot") })
        {
            var variable = prod.Get("Deployment", workload).Container(container).At("env").Items()
                .Single(e => e.At("name").Text() == "Cluster__Storage__ConnectionString");
            Assert.Null(variable.At("value"));
            Assert.NotNull(variable.At("valueFrom", "secretKeyRef", "key").Text());
        }
        Assert.Empty(prod.OfKind("StatefulSet"));
        Assert.Empty(prod.OfKind("Secret"));
        Assert.Single(prod.OfKind("ExternalSecret"));
    }

    [Fact]
    public void Prod_runs_more_silos_than_dev_with_memory_requests_equal_to_limits()
    {
        var dev = Kustomize.Render("dev");
        var prod = Kustomize.Render("prod");
        static int MinReplicas(RenderedManifests r) => int.Parse(r.Get("HorizontalPodAutoscaler", "silo").Root.At("spec", "minReplicas").Text()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(MinReplicas(prod) > MinReplicas(dev), $"prod minReplicas {MinReplicas(prod)} is not above dev's {MinReplicas(dev)}");
        var resources = prod.SiloContainer.At("resources");
        Assert.Equal(resources.At("limits", "memory").Text(), resources.At("requests", "memory").Text());
    }
}
