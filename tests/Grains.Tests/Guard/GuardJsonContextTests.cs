using Cluster.Grains.Abstractions.Guard;

namespace Cluster.Grains.Tests.Guard;

/// <summary>Every public type of the guard's abstractions can cross the wire: it is in <see cref="GuardJsonContext"/>.</summary>
public sealed class GuardJsonContextTests
{
    [Fact]
    public void Every_public_guard_type_is_in_the_guard_context()
    {
        var missing = typeof(GuardJsonContext).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(GuardJsonContext).Namespace && !t.IsInterface && !t.IsAbstract && t != typeof(GuardJsonContext))
            .Where(t => GuardJsonContext.Default.GetTypeInfo(t) is null)
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(missing);
    }
}
