namespace Cluster.Grains.Abstractions.Messages;

/// <summary>The kind of media a source message carries; <see cref="None"/> for plain text.
/// Mirrors the account port's media kinds so filters can be written without the Telegram project.</summary>
[GenerateSerializer, Alias("Cluster.MessageMediaKind")]
public enum MessageMediaKind { None, Photo, Video, Document, Audio, Voice, Animation, Sticker, VideoNote, Other }
