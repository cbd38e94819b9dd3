using Google.Protobuf.WellKnownTypes;

namespace Sia.Cpd.Grpc.Mapping;

internal static class Times
{
    public static Timestamp ToMessage(DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>A request's time to the microsecond PostgreSQL keeps, so a resource reads back as it was returned; null if left out.</summary>
    public static DateTime? ToDomain(Timestamp? time)
    {
        if (time is null) return null;
        var utc = time.ToDateTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
