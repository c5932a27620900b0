using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.Grains.Campaigns;

/// <summary>Whether a campaign's schedule lets it send at a moment, and if not, when it does next.</summary>
public static class CampaignScheduleWindow
{
    public static bool Allows(CampaignSchedule schedule, DateTimeOffset now, out DateTimeOffset opensAt)
    {
        opensAt = now;
        if (schedule.StartAt is { } start && start > now)
        {
            opensAt = NextAllowed(schedule, start);
            return false;
        }
        opensAt = NextAllowed(schedule, now);
        return opensAt == now;
    }

    /// <summary>The first moment at or after <paramref name="t"/> inside the allowed hours.</summary>
    private static DateTimeOffset NextAllowed(CampaignSchedule schedule, DateTimeOffset t)
    {
        if (schedule is not { AllowedFromHour: { } from, AllowedToHour: { } to }) return t;
        var u = t.ToUniversalTime();
        if (InHours(u.Hour, from, to)) return t;
        var hourStart = new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
        for (var h = 1; h <= 24; h++)
        {
            var candidate = hourStart.AddHours(h);
            if (InHours(candidate.Hour, from, to)) return candidate;
        }
        return t;
    }

    private static bool InHours(int hour, int from, int to) => from < to ? hour >= from && hour < to : hour >= from || hour < to;
}
