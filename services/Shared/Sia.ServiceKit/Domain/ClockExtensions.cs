namespace Sia.ServiceKit.Domain;

public static class ClockExtensions
{
    private static readonly TimeZoneInfo England =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    /// <summary>Today's date in England, where memberships start and end.</summary>
    public static DateOnly TodayInEngland(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), England).DateTime);

    /// <summary>Now, to the microsecond: what PostgreSQL stores, so a resource reads back exactly as it was returned.</summary>
    public static DateTime UtcNowForDatabase(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
