using System.Net;
using System.Net.Sockets;

namespace Cluster.TestSupport.Network;

/// <summary>Ports for the silos, gateways and servers a test starts. The kernel names a free port, but it may name the same one
/// again once the probe's listener is closed, and a silo given that port for both its silo and gateway endpoints refuses to start
/// ("must differ"). So a port is handed out at most once per test process.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Sync = new();

    /// <summary>A port free now on the loopback interface that this process has not handed out before.</summary>
    public static int Next()
    {
        while (true)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            lock (Sync)
            {
                if (Given.Add(port)) return port;
            }
        }
    }
}
