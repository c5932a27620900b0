using System.Collections;
using System.Reflection;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Hosting.Keeping;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace Cluster.Grains.Tests.Serialization;

/// <summary>Every argument and result of every grain interface crosses Orleans' serializer (between silos, to and from
/// clients) and its deep copier (calls within a silo) intact: each type is filled with non-default values (lists with two
/// elements built by a collection expression, as the grains build them), serialised, deserialised and copied, and the
/// copies compared member by member with the original.</summary>
public sealed class GrainInterfaceSerializationTests(ITestOutputHelper output)
{
    private static readonly Assembly[] ContractAssemblies = [typeof(IAccountGrain).Assembly, typeof(IAlwaysOnKeeperService).Assembly];

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private Serializer Serializer => _services.GetRequiredService<Serializer>();
    private DeepCopier Copier => _services.GetRequiredService<DeepCopier>();

    public static IEnumerable<object[]> ContractTypes() => GrainInterfaceTypes().Select(t => new object[] { t });

    /// <summary>The types of every parameter and result of every method of every grain interface (grain services too).</summary>
    private static IEnumerable<Type> GrainInterfaceTypes()
    {
        var types = new HashSet<Type>();
        foreach (var grainInterface in ContractAssemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t)))
            foreach (var method in grainInterface.GetMethods())
            {
                foreach (var parameter in method.GetParameters()) types.Add(parameter.ParameterType);
                if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() is var open && (open == typeof(Task<>) || open == typeof(ValueTask<>)))
                    types.Add(method.ReturnType.GetGenericArguments()[0]);
            }
        return types.OrderBy(t => t.FullName, StringComparer.Ordinal);
    }

    [Fact]
    public void The_grain_interfaces_are_found()
    {
        var types = GrainInterfaceTypes().ToList();
        Assert.Contains(typeof(AccountStatus), types);
        Assert.Contains(typeof(Cluster.Grains.Abstractions.Guard.UpdateBatch), types);
        Assert.Contains(typeof(IReadOnlyList<Cluster.Grains.Abstractions.Messages.SourceMessage>), types);
        Assert.True(types.Count > 40, $"only {types.Count} types found");
    }

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void Round_trips_through_the_serializer_and_the_copier(Type type)
    {
        // Inside records, lists are built by collection expressions as the grains build them; an argument or result that
        // is itself a list is a List, as the grains pass and return them (see The_copier_refuses_...).
        var original = Samples.Create(type, topLevelAsList: true);
        Assert.NotNull(original);

        var serialized = RoundTrip(type, original);
        var copied = Copy(type, original);

        Assert.Equal("", Difference.Between(original, serialized, type.Name));
        Assert.Equal("", Difference.Between(original, copied, type.Name));
    }

    /// <summary>What the compiler builds for <c>IReadOnlyList&lt;T&gt; x = [...]</c>: a read-only array type of its own for
    /// known elements, a single-element list type of its own, <c>Array.Empty</c> for none, a wrapped list for a spread.</summary>
    public static IEnumerable<object[]> CollectionExpressions()
    {
        IEnumerable<string> Spread() => new List<string> { "c", "d" }.Where(_ => true);
        IReadOnlyList<string> twoElements = ["a", "b"];
        IReadOnlyList<string> oneElement = ["a"];
        IReadOnlyList<string> none = [];
        IReadOnlyList<string> spread = [.. Spread()];
        IReadOnlyList<string> spreadAndElement = [.. Spread(), "e"];
        IReadOnlyCollection<string> collection = ["a", "b"];
        IEnumerable<string> sequence = ["a", "b"];
        return new (string, object)[]
        {
            ("[a, b]", twoElements), ("[a]", oneElement), ("[]", none), ("[.. spread]", spread), ("[.. spread, e]", spreadAndElement),
            ("IReadOnlyCollection [a, b]", collection), ("IEnumerable [a, b]", sequence), ("ToList()", Spread().ToList()), ("ToArray()", Spread().ToArray()),
        }.Select(c => new object[] { c.Item1, c.Item2 });
    }

    /// <summary>Orleans' serializer (between silos, to and from clients) carries any of them, as the value of an interface-typed
    /// argument or result and inside a record.</summary>
    [Theory]
    [MemberData(nameof(CollectionExpressions))]
    public void Collections_built_by_collection_expressions_cross_the_serializer(string shape, IEnumerable<string> list)
    {
        Assert.Equal(list, (IEnumerable<string>)RoundTrip(typeof(IEnumerable<string>), list)!);
        var batch = new Cluster.Grains.Abstractions.Guard.UpdateBatch(list as IReadOnlyList<string> ?? list.ToList(), 5);
        Assert.Equal(batch.Updates, ((Cluster.Grains.Abstractions.Guard.UpdateBatch)RoundTrip(batch.GetType(), batch)!).Updates);
        Assert.NotNull(shape);
    }

    /// <summary>Orleans' deep copier (every result, and the arguments of calls within a silo) has no copier for the compiler's
    /// own read-only collection types (Orleans 10.4.2: <see cref="CodecNotFoundException"/>): a grain method must not take
    /// or return one as the argument or result itself, only lists and arrays. Inside a record nothing is copied: every
    /// record of the grain interfaces is <c>[Immutable]</c>.</summary>
    [Theory]
    [MemberData(nameof(CollectionExpressions))]
    public void The_copier_refuses_the_compilers_read_only_collections(string shape, IEnumerable<string> list)
    {
        var compilerType = list.GetType().Name.StartsWith("<>z__", StringComparison.Ordinal);
        output.WriteLine($"{shape}: {list.GetType()}");
        if (compilerType)
        {
            Assert.Throws<CodecNotFoundException>(() => Copy(typeof(IReadOnlyList<string>), list));
        }
        else
        {
            Assert.Equal(list, (IEnumerable<string>)Copy(typeof(IReadOnlyList<string>), list)!);
        }
        var batch = new Cluster.Grains.Abstractions.Guard.UpdateBatch(list as IReadOnlyList<string> ?? list.ToList(), 5);
        Assert.Same(batch, Copy(batch.GetType(), batch));
        Assert.True(shape.Length > 0, $"{shape} is a {list.GetType()}");
    }

    private object? RoundTrip(Type type, object value)
    {
        var method = typeof(GrainInterfaceSerializationTests).GetMethod(nameof(RoundTripAs), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type);
        try { return method.Invoke(this, [value]); }
        catch (TargetInvocationException e) { throw e.InnerException!; }
    }

    private T RoundTripAs<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    private object? Copy(Type type, object value)
    {
        var method = typeof(GrainInterfaceSerializationTests).GetMethod(nameof(CopyAs), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type);
        try { return method.Invoke(this, [value]); }
        catch (TargetInvocationException e) { throw e.InnerException!; }
    }

    private T CopyAs<T>(T value) => Copier.Copy(value)!;

    /// <summary>Builds instances with every member set to a non-default value.</summary>
    private static class Samples
    {
        private static readonly DateTimeOffset When = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

        public static object? Create(Type type, int depth = 0, string name = "x", bool topLevelAsList = false)
        {
            if (depth > 6) return type.IsValueType ? Activator.CreateInstance(type) : null;
            if (Nullable.GetUnderlyingType(type) is { } underlying) return Create(underlying, depth, name);
            if (type == typeof(string)) return "text-" + name;
            if (type == typeof(bool)) return true;
            if (type == typeof(int)) return 7;
            if (type == typeof(long)) return 4_000_000_001L;
            if (type == typeof(double)) return 2.5;
            if (type == typeof(decimal)) return 3.25m;
            if (type == typeof(DateTimeOffset)) return When;
            if (type == typeof(DateTime)) return When.UtcDateTime;
            if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(90);
            if (type == typeof(Guid)) return new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
            if (type == typeof(Uri)) return new Uri("https://example.org/" + name);
            if (type == typeof(GrainId)) return GrainId.Create("account", "sample-" + name);
            if (type == typeof(SiloAddress)) return SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 42);
            if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();
            if (type.IsArray)
            {
                var element = type.GetElementType()!;
                var array = Array.CreateInstance(element, 2);
                array.SetValue(Create(element, depth + 1, name + "0"), 0);
                array.SetValue(Create(element, depth + 1, name + "1"), 1);
                return array;
            }
            if (type.IsGenericType)
            {
                var open = type.GetGenericTypeDefinition();
                var arguments = type.GetGenericArguments();
                if ((open == typeof(IReadOnlyList<>) || open == typeof(IReadOnlyCollection<>) || open == typeof(IEnumerable<>)) && !topLevelAsList)
                    return Generic(nameof(ByCollectionExpression), arguments, Create(arguments[0], depth + 1, name + "0"), Create(arguments[0], depth + 1, name + "1"));
                if (open == typeof(List<>) || open == typeof(IList<>) || open == typeof(ICollection<>)
                    || open == typeof(IReadOnlyList<>) || open == typeof(IReadOnlyCollection<>) || open == typeof(IEnumerable<>))
                    return Generic(nameof(AsList), arguments, Create(arguments[0], depth + 1, name + "0"), Create(arguments[0], depth + 1, name + "1"));
                if (open == typeof(Dictionary<,>) || open == typeof(IDictionary<,>) || open == typeof(IReadOnlyDictionary<,>))
                    return Generic(nameof(AsDictionary), arguments, Create(arguments[0], depth + 1, name + "k"), Create(arguments[1], depth + 1, name + "v"));
            }
            return Object(type, depth, name);
        }

        private static IReadOnlyList<T> ByCollectionExpression<T>(T a, T b) => [a, b];
        private static List<T> AsList<T>(T a, T b) => [a, b];
        private static Dictionary<TKey, TValue> AsDictionary<TKey, TValue>(TKey key, TValue value) where TKey : notnull => new() { [key] = value };

        private static object? Generic(string method, Type[] arguments, params object?[] values)
            => typeof(Samples).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments).Invoke(null, values);

        private static object Object(Type type, int depth, string name)
        {
            if (type.IsAbstract || type.IsInterface) throw new InvalidOperationException($"No sample for {type}: add a case to {nameof(Samples)}.");
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            object instance;
            var filled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (constructor is null)
            {
                instance = Activator.CreateInstance(type)!;
            }
            else
            {
                var parameters = constructor.GetParameters();
                instance = constructor.Invoke(parameters.Select(p => Create(p.ParameterType, depth + 1, p.Name!)).ToArray());
                filled.UnionWith(parameters.Select(p => p.Name!));
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (filled.Contains(property.Name) || property.GetIndexParameters().Length > 0 || property.SetMethod is not { IsPublic: true }) continue;
                property.SetValue(instance, Create(property.PropertyType, depth + 1, property.Name));
            }
            return instance;
        }
    }

    /// <summary>The first difference between two object graphs (public properties, elements of sequences and
    /// dictionaries), or "" when there is none.</summary>
    private static class Difference
    {
        public static string Between(object? expected, object? actual, string path)
        {
            if (expected is null || actual is null)
                return expected is null && actual is null ? "" : $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}";
            var type = expected.GetType();
            if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateTimeOffset or DateTime or TimeSpan or Guid or Uri or GrainId or SiloAddress)
                return expected.Equals(actual) ? "" : $"{path}: expected {expected}, got {actual}";
            if (expected is IDictionary dictionary)
            {
                if (actual is not IDictionary other || other.Count != dictionary.Count) return $"{path}: expected {dictionary.Count} entries, got {actual}";
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!other.Contains(entry.Key)) return $"{path}: key {entry.Key} missing";
                    var inner = Between(entry.Value, other[entry.Key], $"{path}[{entry.Key}]");
                    if (inner.Length > 0) return inner;
                }
                return "";
            }
            if (expected is IEnumerable sequence)
            {
                if (actual is not IEnumerable otherSequence) return $"{path}: expected a sequence, got {actual.GetType()}";
                var left = sequence.Cast<object?>().ToList();
                var right = otherSequence.Cast<object?>().ToList();
                if (left.Count != right.Count) return $"{path}: expected {left.Count} elements, got {right.Count}";
                for (var i = 0; i < left.Count; i++)
                {
                    var inner = Between(left[i], right[i], $"{path}[{i}]");
                    if (inner.Length > 0) return inner;
                }
                return "";
            }
            if (actual.GetType() != type) return $"{path}: expected a {type}, got a {actual.GetType()}";
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                var inner = Between(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
                if (inner.Length > 0) return inner;
            }
            return "";
        }
    }
}
