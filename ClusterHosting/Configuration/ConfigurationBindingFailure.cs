namespace Cluster.Hosting.Configuration;

/// <summary>Recognises a setting whose value could not be converted to its type (a duration "soon", an unknown enum name)
/// in whatever failure the host reports, so the processes exit as for any invalid configuration (code 2, the setting named).</summary>
public static class ConfigurationBindingFailure
{
    /// <summary>The binder's message ("Failed to convert configuration value 'soon' at 'Silo:ShutdownTimeout' to type
    /// 'System.TimeSpan'."), found however deep the host wrapped it; null when <paramref name="failure"/> is something else.</summary>
    public static string? MessageOf(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is InvalidOperationException && failure.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
                return failure.Message;
            if (failure is AggregateException { InnerExceptions.Count: > 0 } many)
                return many.InnerExceptions.Select(MessageOf).FirstOrDefault(m => m is not null);
        }
        return null;
    }
}
