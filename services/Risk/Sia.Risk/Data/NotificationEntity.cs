using Sia.Risk.Domain.Notifications;

namespace Sia.Risk.Data;

/// <summary>A notification for scrutiny: one per published assessment version that showed a school entering something scrutiny is told of.</summary>
internal sealed class NotificationEntity
{
    /// <summary>Also its position in the LA's stream: ids are taken in commit order (ScrutinyNotifications).</summary>
    public long Id { get; init; }
    public required string LaCode { get; init; }
    public int Urn { get; init; }
    public long AssessmentId { get; init; }
    /// <summary>"schools/{urn}/assessments/{id}@{version}".</summary>
    public required string Assessment { get; init; }
    public required List<NotificationReason> Reasons { get; init; }
    public required string Description { get; init; }
    public DateTime CreateTime { get; init; }
    public DateTime? AcknowledgeTime { get; set; }
    public string? AcknowledgedBy { get; set; }
}
