using System.Globalization;

namespace Sia.Grpc.Protocol;

/// <summary>The grpc-timeout header: at most 8 digits and a unit (H, M, S, m, u, n).</summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9) return false;
        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return false;
        var ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * 10,
            'n' => amount / 100,
            _ => -1,
        };
        if (ticks < 0) return false;
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a timeout with the finest unit that fits in 8 digits, rounding up so the server never waits less.</summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) return "1n";
        var ticks = timeout.Ticks;
        if (ticks <= MaxValue / 100) return (ticks * 100).ToString(CultureInfo.InvariantCulture) + "n";
        if (ticks / 10 <= MaxValue) return CeilDiv(ticks, 10) + "u";
        if (ticks / TimeSpan.TicksPerMillisecond < MaxValue) return CeilDiv(ticks, TimeSpan.TicksPerMillisecond) + "m";
        if (ticks / TimeSpan.TicksPerSecond < MaxValue) return CeilDiv(ticks, TimeSpan.TicksPerSecond) + "S";
        if (ticks / TimeSpan.TicksPerMinute < MaxValue) return CeilDiv(ticks, TimeSpan.TicksPerMinute) + "M";
        return Math.Min((ticks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour, MaxValue).ToString(CultureInfo.InvariantCulture) + "H";
    }

    private static string CeilDiv(long value, long divisor) => ((value + divisor - 1) / divisor).ToString(CultureInfo.InvariantCulture);
}
