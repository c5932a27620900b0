using System.Net;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Silo.Tests.Startup;

/// <summary>The README's run command with no configuration at all: SQLite in the working directory, an in-process
/// simulator, the development session key; it must say so first and become live and ready.</summary>
public sealed class EmbeddedDefaultTests
{
    [Fact]
    public async Task Silo_with_no_configuration_says_first_that_it_runs_against_simulated_Telegram_and_becomes_ready()
    {
        // `dotnet run --project Silo` runs in the project folder, next to appsettings.json: so does this silo.
        var directory = Directory.CreateTempSubdirectory("silo-run-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(directory, "appsettings.json"));
        await using var silo = SiloProcess.Start(workingDirectory: directory);

        await silo.WaitForStatusAsync("health/live", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        Assert.Equal(silo.Lines[0], silo.JsonLines[0].GetRawText(), ignoreWhiteSpaceDifferences: true);
        var first = silo.JsonLines.First();
        var message = first.GetProperty("Message").GetString()!;
        Assert.Contains("SIMULATED Telegram", message);
        var simulatorUrl = first.GetProperty("State").GetProperty("SimulatorUrl").GetString()!;
        Assert.StartsWith("http://127.0.0.1:", simulatorUrl);
        var firstFew = string.Join("\n", silo.JsonLines.Take(6).Select(l => l.GetProperty("Message").GetString()));
        Assert.Contains($"http://127.0.0.1:{silo.HttpPort}/health/ready", firstFew);
        Assert.Contains(simulatorUrl + "sim/world", firstFew);
        Assert.Contains("built-in development key", firstFew);
        Assert.DoesNotContain("Cluster:Secret", silo.Output);
        Assert.True(File.Exists(Path.Combine(silo.WorkingDirectory, "cluster.db")), "the embedded default keeps its SQLite database in the working directory");

        using var world = await silo.Http.GetAsync(new Uri(simulatorUrl + "sim/world"));
        Assert.Equal(HttpStatusCode.OK, world.StatusCode);
        Assert.Contains("demo_news", await world.Content.ReadAsStringAsync());
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Demo_forwards_a_source_channel_post_to_its_mirror_and_again_after_a_restart_without_duplicates()
    {
        var directory = Directory.CreateTempSubdirectory("silo-demo-").FullName;
        try
        {
            await using (var first = SiloProcess.Start(workingDirectory: directory))
            {
                await first.WaitForLineAsync("Demo ready", TimeSpan.FromSeconds(90));
                using var simulator = new SimulatorInspector(SimulatorUrl(first));
                var news = await simulator.ChatIdAsync("Demo News");
                var mirror = await simulator.ChatIdAsync("Demo News Mirror");

                await simulator.PostAsync(news, "first run post");

                var texts = await simulator.WaitForTextAsync(mirror, "first run post", TimeSpan.FromSeconds(30));
                Assert.Single(texts, t => t == "first run post");
                first.Terminate();
                Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }

            // Same working directory, so the same cluster.db: the accounts and pairs exist already.
            await using var second = SiloProcess.Start(workingDirectory: directory);
            var ready = await second.WaitForLineAsync("Demo ready", TimeSpan.FromSeconds(90));
            Assert.Contains("3 accounts and 2 channel pairs", ready);
            using var again = new SimulatorInspector(SimulatorUrl(second));
            var newsAgain = await again.ChatIdAsync("Demo News");
            var mirrorAgain = await again.ChatIdAsync("Demo News Mirror");

            await again.PostAsync(newsAgain, "second run post");

            var after = await again.WaitForTextAsync(mirrorAgain, "second run post", TimeSpan.FromSeconds(30));
            Assert.Single(after, t => t == "second run post");
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Demo_guard_protects_the_demo_community_and_mutes_a_guest_who_joins_without_the_channel()
    {
        var directory = Directory.CreateTempSubdirectory("silo-guard-").FullName;
        try
        {
            await using var silo = SiloProcess.Start(workingDirectory: directory);
            var ready = await silo.WaitForLineAsync("Demo guard ready", TimeSpan.FromSeconds(120));
            Assert.Contains("@demo_guard_bot protects @demo_community", ready);
            var simulatorUrl = SimulatorUrl(silo);
            using var simulator = new SimulatorInspector(simulatorUrl);
            var group = await simulator.ChatIdAsync("Demo Community");
            using var http = new HttpClient { BaseAddress = simulatorUrl };

            using var created = await http.PostAsync("sim/users", Json("""{"firstName":"Unsubscribed guest"}"""));
            created.EnsureSuccessStatusCode();
            var guest = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            using var joined = await http.PostAsync($"sim/chats/{group}/members", Json($$"""{"userId":{{guest}},"status":"member"}"""));
            joined.EnsureSuccessStatusCode();

            var deadline = DateTime.UtcNow.AddSeconds(30);
            string? status = null;
            while (DateTime.UtcNow < deadline && status != "restricted")
            {
                var member = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"sim/chats/{group}/members/{guest}")).RootElement;
                status = member.GetProperty("status").GetString()?.ToLowerInvariant();
                if (status != "restricted") await Task.Delay(200);
            }
            Assert.Equal("restricted", status);
            var traffic = await http.GetStringAsync("sim/traffic");
            Assert.Contains("\"guard\"", traffic);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static Uri SimulatorUrl(SiloProcess silo)
        => new(silo.JsonLines.First().GetProperty("State").GetProperty("SimulatorUrl").GetString()!);
}
