namespace Sia.Registry.Api;

internal static class ClockExtensions
{
    /// <summary>Now, to the microsecond: what PostgreSQL stores, so a resource reads back exactly as it was returned.</summary>
    public static DateTime UtcNowForDatabase(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
