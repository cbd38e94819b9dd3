using Google.Protobuf.WellKnownTypes;
using Sia.Risk.Data;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Notifications;
using Sia.Risk.V1;

namespace Sia.Risk.Grpc.Mapping;

internal static class NotificationMapping
{
    public static Notification ToMessage(this NotificationEntity entity) => new()
    {
        Name = ScrutinyNotifications.Name(entity.LaCode, entity.Id),
        School = ResourceNames.School(entity.Urn),
        Assessment = entity.Assessment,
        Reasons = { entity.Reasons.Select(r => (Notification.Types.Reason)r) },
        Description = entity.Description,
        CreateTime = Timestamp.FromDateTime(DateTime.SpecifyKind(entity.CreateTime, DateTimeKind.Utc)),
        AcknowledgeTime = entity.AcknowledgeTime is { } acknowledged ? Timestamp.FromDateTime(DateTime.SpecifyKind(acknowledged, DateTimeKind.Utc)) : null,
        AcknowledgedBy = entity.AcknowledgedBy ?? "",
    };
}
