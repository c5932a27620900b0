using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Hosting;
using Cluster.Silo.Configuration;

namespace Cluster.Silo.Hosting;

/// <summary>Reads why the silo failed to start, for the failures that are the operator's to fix and deserve one line
/// rather than a stack trace: a port already in use, an Orleans setting Orleans refused.</summary>
internal static class StartFailure
{
    /// <summary>The port (and its setting) another process holds, when <paramref name="failure"/> is a bind that failed
    /// because the address is in use; null otherwise.</summary>
    public static (int Port, string Setting)? PortInUse(Exception failure, SiloOptions silo, ClusterEndpointOptions endpoints)
    {
        var chain = Chain(failure).ToList();
        if (!chain.Any(e => e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException"))
            return null;
        (int Port, string Setting)[] ports =
        [
            (silo.HttpPort, $"{SiloOptions.SectionName}:HttpPort"),
            (endpoints.SiloPort, $"{ClusterEndpointOptions.SectionName}:SiloPort"),
            (endpoints.GatewayPort, $"{ClusterEndpointOptions.SectionName}:GatewayPort"),
        ];
        // Kestrel names the address it could not bind ("http://0.0.0.0:8080"); Orleans' listeners often do not.
        foreach (var port in ports)
            if (chain.Any(e => e.Message.Contains($":{port.Port}", StringComparison.Ordinal))) return port;
        // The host is disposed by now, so a port still taken is taken by someone else.
        foreach (var port in ports)
            if (!CanBind(port.Port)) return port;
        return ports[0] with { Setting = "one of Silo:HttpPort, Cluster:SiloPort, Cluster:GatewayPort" };
    }

    /// <summary>Orleans' own refusal of a setting (its options validators), or null.</summary>
    public static string? InvalidOrleansConfiguration(Exception failure)
        => Chain(failure).FirstOrDefault(e => e is OrleansConfigurationException)?.Message;

    private static IEnumerable<Exception> Chain(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            yield return failure;
            if (failure is AggregateException many)
            {
                foreach (var inner in many.InnerExceptions.SelectMany(Chain)) yield return inner;
                yield break;
            }
        }
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
