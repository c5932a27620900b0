using Cluster.TelegramSim.Hosting;

namespace Cluster.TelegramSim.Tests;

/// <summary>Starts simulators for tests on a free loopback port.</summary>
internal static class TestWorlds
{
    public static Task<TelegramSimulatorHost> StartAsync(Action<TelegramSimulatorOptions>? configure = null)
    {
        var options = new TelegramSimulatorOptions();
        configure?.Invoke(options);
        return TelegramSimulator.StartAsync(options);
    }

    public static void AssertError(int status, System.Text.Json.JsonElement body, int expectedCode, string expectedDescription)
    {
        Assert.Equal(expectedCode, status);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(expectedCode, body.GetProperty("error_code").GetInt32());
        Assert.Equal(expectedDescription, body.GetProperty("description").GetString());
        Assert.False(body.TryGetProperty("result", out _), "an error envelope has no result");
    }
}
