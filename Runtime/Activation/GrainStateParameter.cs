namespace Cluster.Runtime.Activation;

/// <summary>A grain constructor parameter marked [PersistentState]: the state's name and how to make the
/// activation's <see cref="IPersistentState{TState}"/> for it.</summary>
internal sealed record GrainStateParameter(string StateName, Type StateType, Func<ActivationData, IActivationState> Create);
