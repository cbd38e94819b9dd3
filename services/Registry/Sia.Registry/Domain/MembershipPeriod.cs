using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;

namespace Sia.Registry.Domain;

/// <summary>
/// When a school is a member of an alliance, as a create or an update gives it: from the join date up to (not including)
/// the leave date, if any.
/// </summary>
internal sealed record MembershipPeriod(CalendarDate? JoinDate, CalendarDate? LeaveDate)
{
    public static MembershipPeriod Of(AllianceMembershipEntity entity) =>
        new(CalendarDate.From(entity.JoinDate), CalendarDate.From(entity.LeaveDate));

    /// <summary>The period's dates; null where they are missing or invalid (and reported).</summary>
    public (DateOnly? Join, DateOnly? Leave) Validate(string prefix, Violations violations)
    {
        var join = CalendarDate.Validate(JoinDate, $"{prefix}.join_date", violations);
        var leave = CalendarDate.Validate(LeaveDate, $"{prefix}.leave_date", violations);
        if (join is null && !violations.Items.Any(v => v.Field == $"{prefix}.join_date"))
            violations.Add($"{prefix}.join_date", "A membership needs the date the school joined.");
        if (join is not null && leave is not null && leave <= join)
            violations.Add($"{prefix}.leave_date", $"The leave date {leave:yyyy-MM-dd} must be after the join date {join:yyyy-MM-dd}.");
        return (join, leave);
    }
}
