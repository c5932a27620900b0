using System.Reflection;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Invocation;
using Cluster.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Activation;

/// <summary>The grain classes of the assemblies registered with <c>AddGrains</c>: type names, interface to class
/// map, placement (attribute, overridden by <c>Cluster:Placement:&lt;grainType&gt;</c>), constructors and states.
/// Everything that would fail later (overloads, unknown JSON types, two classes for one interface, unknown
/// strategies) stops the silo at start with one message listing each problem.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainClassInfo> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (GrainClassInfo Class, GrainInterfaceInfo Interface)> _byInterfaceName = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<GrainAssemblyRegistration> assemblies, GrainInterfaceCache interfaces, IOptions<ClusterRuntimeOptions> options)
    {
        var settings = options.Value;
        var errors = new List<string>();
        var classes = assemblies.Distinct()
            .SelectMany(a => a.Types()).Distinct()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(Grain).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in classes)
        {
            var grainInterfaces = type.GetInterfaces()
                .Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && i != typeof(IGrainWithStringKey))
                .ToList();
            if (grainInterfaces.Count == 0) continue;
            var info = Describe(type, grainInterfaces, settings, errors);
            if (_byName.TryGetValue(info.Name, out var existing))
            {
                errors.Add($"Grain classes {existing.Info.ImplementationType.FullName} and {type.FullName} both have the grain type name '{info.Name}'; give one a [GrainType(\"...\")].");
                continue;
            }
            var prepared = grainInterfaces.Select(i => interfaces.Prepare(i, errors)).ToList();
            var states = StateParameters(type, interfaces.Serializer, errors);
            var collectionAge = settings.CollectionAgeByType.TryGetValue(info.Name, out var age) ? age : settings.CollectionAge;
            ObjectFactory factory;
            try
            {
                factory = ActivatorUtilities.CreateFactory(type, [.. states.Select(s => typeof(IPersistentState<>).MakeGenericType(s.StateType))]);
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"Grain class {type.FullName} cannot be constructed: {e.Message}");
                continue;
            }
            var grainClass = new GrainClassInfo(info, factory, states, collectionAge, prepared);
            _byName[info.Name] = grainClass;
            foreach (var grainInterface in prepared)
            {
                if (_byInterfaceName.TryGetValue(grainInterface.Name, out var other))
                    errors.Add($"Grain interface {grainInterface.Name} is implemented by two grain classes ({other.Class.Info.ImplementationType.FullName} and {type.FullName}); a reference must name one class.");
                else
                    _byInterfaceName[grainInterface.Name] = (grainClass, grainInterface);
            }
        }
        foreach (var type in settings.GrainPlacements.Select(p => p.Key).Where(t => !_byName.ContainsKey(t)))
            errors.Add($"Cluster:Placement:{type} names no grain type; known types: {string.Join(", ", _byName.Keys)}.");
        Remindable = interfaces.Prepare(typeof(IRemindable), errors);
        if (errors.Count > 0)
            throw new InvalidOperationException("The grain classes cannot be hosted:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }

    public IReadOnlyCollection<GrainClassInfo> Classes => _byName.Values;

    /// <summary>The prepared <see cref="IRemindable"/> interface, through which reminders are delivered.</summary>
    public GrainInterfaceInfo Remindable { get; }

    public GrainClassInfo? FindByName(string grainType) => _byName.GetValueOrDefault(grainType);

    public bool TryFindByInterface(string interfaceName, out GrainClassInfo grainClass, out GrainInterfaceInfo grainInterface)
    {
        if (_byInterfaceName.TryGetValue(interfaceName, out var found))
        {
            (grainClass, grainInterface) = found;
            return true;
        }
        (grainClass, grainInterface) = (null!, null!);
        return false;
    }

    private static GrainTypeInfo Describe(Type type, List<Type> grainInterfaces, ClusterRuntimeOptions settings, List<string> errors)
    {
        var name = GrainTypeInfo.DefaultName(type);
        if (name.Contains('/'))
            errors.Add($"Grain type name '{name}' of {type.FullName} contains '/'; grain type names cannot.");
        var attribute = type.GetCustomAttribute<PlacementAttribute>();
        var strategy = attribute?.Strategy ?? PlacementStrategies.Random;
        string? resource = (attribute as ResourceAwarePlacementAttribute)?.Resource;
        var units = (attribute as ResourceAwarePlacementAttribute)?.Units ?? 0;
        if (settings.Placement.TryGetValue(name, out var configured))
        {
            strategy = configured;
            if (strategy == PlacementStrategies.ResourceAware && resource is null)
                (resource, units) = ("sessions", 1);
        }
        return new GrainTypeInfo(name, type, grainInterfaces, strategy, resource, units);
    }

    private static GrainStateParameter[] StateParameters(Type type, GrainSerializer serializer, List<string> errors)
    {
        var constructors = type.GetConstructors();
        var result = new List<GrainStateParameter>();
        foreach (var parameter in constructors.SelectMany(c => c.GetParameters()).DistinctBy(p => (p.Member, p.Position)))
        {
            var parameterType = parameter.ParameterType;
            var isState = parameterType.IsGenericType && parameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>);
            var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (!isState && attribute is null) continue;
            var where = $"{type.FullName} constructor parameter '{parameter.Name}'";
            if (!isState) { errors.Add($"{where} has [PersistentState] but is not an IPersistentState<T>."); continue; }
            if (attribute is null) { errors.Add($"{where} is an IPersistentState<T> without [PersistentState(\"name\")]."); continue; }
            var stateType = parameterType.GetGenericArguments()[0];
            if (!serializer.Knows(stateType))
            {
                errors.Add($"{where}: no JsonSerializerContext registered with AddGrainJsonContext knows the state type '{stateType.FullName}'.");
                continue;
            }
            if (result.Any(s => s.StateName == attribute.StateName))
            {
                errors.Add($"{where}: the state name '{attribute.StateName}' is used twice.");
                continue;
            }
            var create = (Func<ActivationData, IActivationState>)typeof(GrainTypeRegistry)
                .GetMethod(nameof(StateFactory), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(stateType)
                .Invoke(null, [attribute.StateName, serializer])!;
            result.Add(new GrainStateParameter(attribute.StateName, stateType, create));
        }
        return [.. result];
    }

    private static Func<ActivationData, IActivationState> StateFactory<TState>(string stateName, GrainSerializer serializer) where TState : new()
    {
        var typeInfo = serializer.GetTypeInfo<TState>();
        return activation => new PersistentState<TState>(activation, stateName, typeInfo);
    }
}
