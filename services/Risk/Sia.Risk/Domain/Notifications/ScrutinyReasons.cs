using Sia.Risk.Domain.Assessments;
using Sia.Risk.Domain.Frameworks;

namespace Sia.Risk.Domain.Notifications;

/// <summary>What scrutiny is told of, most serious first (numbered as sia.risk.v1.Notification.Reason).</summary>
internal enum NotificationReason
{
    Unspecified = 0,
    SpecialMeasures = 1,
    SeriousWeaknesses = 2,
    WarningNotice = 3,
    LowestCategory = 4,
}

/// <summary>Which of a published result's reasons for scrutiny are new since the school's previous published result.</summary>
internal static class ScrutinyReasons
{
    public static IReadOnlyList<NotificationReason> Of(AssessmentResult result, FrameworkDefinition framework)
    {
        var reasons = new List<NotificationReason>();
        switch (result.CausingConcern)
        {
            case CausingConcern.SpecialMeasures: reasons.Add(NotificationReason.SpecialMeasures); break;
            case CausingConcern.SeriousWeaknesses: reasons.Add(NotificationReason.SeriousWeaknesses); break;
            case CausingConcern.WarningNotice: reasons.Add(NotificationReason.WarningNotice); break;
        }
        if (framework.Categories.Count > 0 && result.Category == framework.Categories[^1].Id) reasons.Add(NotificationReason.LowestCategory);
        return reasons;
    }

    /// <summary>The reasons the current result has and the previous one (null: none published before) had not.</summary>
    public static IReadOnlyList<NotificationReason> Entered(IReadOnlyList<NotificationReason> current, IReadOnlyList<NotificationReason>? previous) =>
        [.. current.Except(previous ?? [])];

    public static string Words(NotificationReason reason) => reason switch
    {
        NotificationReason.SpecialMeasures => "special measures",
        NotificationReason.SeriousWeaknesses => "serious weaknesses",
        NotificationReason.WarningNotice => "a warning notice",
        _ => "the LA's lowest category",
    };
}
