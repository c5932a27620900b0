namespace Cluster.Grains.Abstractions.Guard;

/// <summary>What a protected group does to a member who is missing a linked channel.</summary>
/// <remarks>Mute restricts the member until they join; DeleteOnly leaves them unrestricted and deletes their messages.</remarks>
[GenerateSerializer, Alias("Cluster.GuardMode")]
public enum GuardMode
{
    Mute,
    DeleteOnly,
}
