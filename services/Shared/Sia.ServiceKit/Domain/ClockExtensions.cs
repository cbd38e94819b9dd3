namespace Sia.ServiceKit.Domain;

public static class ClockExtensions
{
    private static readonly TimeZoneInfo England =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    /// <summary>Today's date in England, where memberships start and end.</summary>
    public static DateOnly TodayInEngland(this TimeProvider clock) => DateInEngland(clock.GetUtcNow());

    /// <summary>The date in England at a moment: a session starting at 23:30 UTC on 31 August 2016 starts on 1 September there.</summary>
    public static DateOnly DateInEngland(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, England).DateTime);

    /// <summary>Now, to the microsecond: what PostgreSQL stores, so a resource reads back exactly as it was returned.</summary>
    public static DateTime UtcNowForDatabase(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
