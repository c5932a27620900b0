namespace Cluster.Runtime;

/// <summary>Marker for grain interfaces. Every grain is addressed by its interface and a string key.</summary>
public interface IGrain;

/// <summary>A grain interface whose grains are keyed by a string, as in Orleans' IGrainWithStringKey.</summary>
public interface IGrainWithStringKey : IGrain;
