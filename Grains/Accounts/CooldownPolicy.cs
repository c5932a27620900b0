namespace Cluster.Grains.Accounts;

/// <summary>Turns a Telegram flood wait into a cooldown: retry_after x multiplier, capped, but never shorter than
/// retry_after itself (sending earlier only earns another, longer, flood wait). A later flood wait during a cooldown
/// can only extend it.</summary>
public sealed class CooldownPolicy(double multiplier, TimeSpan maxCooldown)
{
    public CooldownPolicy(AccountOptions options) : this(options.FloodWaitMultiplier, options.MaxCooldown) { }

    /// <summary>How long to stay in cooldown for a flood wait of <paramref name="retryAfter"/>.</summary>
    public TimeSpan CooldownFor(TimeSpan retryAfter)
    {
        if (retryAfter < TimeSpan.Zero) retryAfter = TimeSpan.Zero;
        var scaled = TimeSpan.FromTicks((long)Math.Min(retryAfter.Ticks * multiplier, TimeSpan.MaxValue.Ticks / 2.0));
        var capped = scaled > maxCooldown ? maxCooldown : scaled;
        return capped < retryAfter ? retryAfter : capped;
    }

    /// <summary>The end of the cooldown for a flood wait at <paramref name="now"/>, given the current one (if any).</summary>
    public DateTimeOffset CooldownUntil(DateTimeOffset now, TimeSpan retryAfter, DateTimeOffset? currentUntil = null)
    {
        var until = now + CooldownFor(retryAfter);
        return currentUntil is { } current && current > until ? current : until;
    }
}
