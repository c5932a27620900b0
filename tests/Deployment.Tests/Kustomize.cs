using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cluster.Deployment.Tests;

/// <summary>Renders a kustomize overlay with `kubectl kustomize`, as `kubectl apply -k` would, from a copy of k8s/
/// in which every uncommitted secrets.env an overlay generates its Secret from is filled with placeholders.</summary>
public static class Kustomize
{
    /// <summary>The overlays under k8s/overlays that the tests render.</summary>
    public static readonly string[] Overlays = ["dev", "prod"];

    /// <summary>The value written for every key of the Secret template in the rendering copy.</summary>
    public const string PlaceholderPrefix = "placeholder-for-test-";

    private static readonly ConcurrentDictionary<string, Lazy<RenderedManifests>> Cache = new();

    /// <summary>The parsed output of `kubectl kustomize k8s/overlays/{overlay}` (rendered once per test run).</summary>
    public static RenderedManifests Render(string overlay)
        => Cache.GetOrAdd(overlay, name => new Lazy<RenderedManifests>(() => RenderedManifests.Parse(RenderText(name)))).Value;

    private static string RenderText(string overlay)
    {
        var source = RepositoryPaths.Of("k8s");
        var copy = Directory.CreateTempSubdirectory("k8s-render-");
        try
        {
            CopyTree(source, copy.FullName);
            var overlayDir = Path.Combine(copy.FullName, "overlays", overlay);
            if (!Directory.Exists(overlayDir)) throw new DirectoryNotFoundException($"k8s/overlays/{overlay} does not exist.");
            var template = File.ReadAllLines(Path.Combine(copy.FullName, "base", "secrets.env.example"));
            foreach (var kustomization in Directory.EnumerateFiles(copy.FullName, "kustomization.yaml", SearchOption.AllDirectories))
                if (File.ReadAllText(kustomization).Contains("secrets.env", StringComparison.Ordinal))
                    File.WriteAllLines(Path.Combine(Path.GetDirectoryName(kustomization)!, "secrets.env"), FillTemplate(template));
            return RunKubectl(overlayDir);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> FillTemplate(IEnumerable<string> template)
        => from line in template
           where !line.TrimStart().StartsWith('#') && line.Contains('=')
           let key = line[..line.IndexOf('=')].Trim()
           select $"{key}={PlaceholderPrefix}{key}";

    private static string RunKubectl(string overlayDir)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(overlayDir);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException(
                "kubectl is required to render the manifests (`kubectl kustomize`) and was not found on PATH: install kubectl (v1.27 or later).", missing);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize {overlayDir} did not finish within 60 s.");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"kubectl kustomize {overlayDir} failed with exit code {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            // A developer's real secrets.env stays where it is: the copy gets placeholders instead.
            if (Path.GetFileName(file) == "secrets.env") continue;
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
