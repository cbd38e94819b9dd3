using Google.Protobuf.WellKnownTypes;

namespace Sia.Funding.Grpc.Mapping;

internal static class Times
{
    public static Timestamp ToMessage(DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
