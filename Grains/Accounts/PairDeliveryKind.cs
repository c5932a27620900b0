namespace Cluster.Grains.Accounts;

/// <summary>What an account hands to a pair: new messages, an edited message, or deleted message ids.</summary>
public enum PairDeliveryKind
{
    NewMessages,
    Edited,
    Deleted,
}
