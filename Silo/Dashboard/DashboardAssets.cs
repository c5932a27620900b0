using System.Reflection;

namespace Cluster.Silo.Dashboard;

/// <summary>The page's static files (HTML, CSS, JavaScript), embedded in the silo assembly so the dashboard needs no
/// files beside the binary and no build step: read once, served from memory.</summary>
internal sealed class DashboardAssets
{
    private readonly Dictionary<string, (byte[] Body, string ContentType)> _files = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var (name, type) in new[] { ("index.html", "text/html; charset=utf-8"), ("dashboard.css", "text/css; charset=utf-8"), ("dashboard.js", "text/javascript; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("Cluster.Silo.Dashboard.wwwroot." + name)
                ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in {assembly.GetName().Name}.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            _files[name] = (copy.ToArray(), type);
        }
    }

    public (byte[] Body, string ContentType) Get(string name) => _files[name];
}
