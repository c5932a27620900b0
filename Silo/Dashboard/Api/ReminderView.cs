namespace Cluster.Silo.Dashboard.Api;

/// <summary>A durable reminder of a grain, as the grain page lists it.</summary>
public sealed record ReminderView(string Name, DateTimeOffset StartAt, double PeriodSeconds);
