using System.Diagnostics;
using System.Runtime.CompilerServices;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>What the chaos tests need of <see cref="SiloProcess"/> (shared with the silo tests, compiled from their source)
/// beyond its public surface: the process id, to send SIGSTOP and SIGCONT.</summary>
internal static class SiloProcessAccess
{
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_process")]
    private static extern ref Process ProcessOf(SiloProcess silo);

    public static int ProcessId(SiloProcess silo) => ProcessOf(silo).Id;
}
