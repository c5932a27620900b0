using System.Reflection;

namespace Cluster.Runtime.Messaging;

/// <summary>Turns exceptions into <see cref="CallError"/>s and back: the caller gets the same exception type and
/// message when the type is loadable here and has a (string) constructor, else a <see cref="GrainCallException"/>
/// naming the remote type.</summary>
public static class RemoteExceptions
{
    public static CallError ToError(Exception exception) => exception switch
    {
        GrainCallException { RemoteExceptionType: { } remote } e and not SiloUnavailableException => new CallError(CallErrorCodes.GrainError, e.Message, remote),
        _ => new CallError(CallErrorCodes.GrainError, exception.Message, TypeName(exception.GetType())),
    };

    /// <summary>"Namespace.Type, Assembly": enough to load the type where its assembly is present.</summary>
    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Exception FromError(CallError error)
    {
        var typeName = error.ExceptionType;
        if (typeName is null) return new GrainCallException(error.Message);
        var type = TryLoad(typeName);
        if (type == typeof(GrainCallException)) return new GrainCallException(error.Message);
        if (type == typeof(SiloUnavailableException)) return new SiloUnavailableException(error.Message);
        if (type is not null && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract
            && type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]) is { } constructor)
        {
            try { return (Exception)constructor.Invoke([error.Message]); }
            catch (TargetInvocationException) { }
        }
        var fullName = typeName.Split(',')[0].Trim();
        return new GrainCallException(error.Message, fullName);
    }

    private static Type? TryLoad(string typeName)
    {
        try { return Type.GetType(typeName, throwOnError: false); }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException or ArgumentException) { return null; }
    }
}
