using Sia.Contracts.DomainErrors;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

/// <summary>What makes an Alliance or an AllianceMembership valid, checked as a whole.</summary>
internal static class AllianceRules
{
    public static void Validate(Alliance alliance, string prefix, Violations violations)
    {
        if (string.IsNullOrWhiteSpace(alliance.DisplayName))
            violations.Add($"{prefix}.display_name", "An alliance needs a name.");
        else if (alliance.DisplayName.Length > 200)
            violations.Add($"{prefix}.display_name", "An alliance's name has at most 200 characters.");
        if (alliance.Kind == Alliance.Types.Kind.Unspecified || !Enum.IsDefined(alliance.Kind))
            violations.Add($"{prefix}.kind", "Say what kind of alliance this is: a teaching school alliance, a teaching school hub or a school improvement partnership.");
        if (!ResourceNames.TryParseSchool(alliance.LeadSchool, out _))
            violations.Add($"{prefix}.lead_school", $"'{alliance.LeadSchool}' is not a school name; expected schools/{{6-digit URN}}.");
    }

    /// <summary>The membership's period; null dates where they are missing or invalid (and reported).</summary>
    public static (DateOnly? Join, DateOnly? Leave) ValidatePeriod(AllianceMembership membership, string prefix, Violations violations)
    {
        var join = SchoolRules.ValidateDate(membership.JoinDate, $"{prefix}.join_date", violations);
        var leave = SchoolRules.ValidateDate(membership.LeaveDate, $"{prefix}.leave_date", violations);
        if (join is null && !violations.Items.Any(v => v.Field == $"{prefix}.join_date"))
            violations.Add($"{prefix}.join_date", "A membership needs the date the school joined.");
        if (join is not null && leave is not null && leave <= join)
            violations.Add($"{prefix}.leave_date", $"The leave date {leave:yyyy-MM-dd} must be after the join date {join:yyyy-MM-dd}.");
        return (join, leave);
    }
}
