using System.Text.RegularExpressions;
using Sia.Contracts.DomainErrors;

namespace Sia.Registry.Domain;

/// <summary>What makes a system leader valid, checked as a whole so that every problem is reported at once.</summary>
internal static partial class SystemLeaderRules
{
    private const int MaxSpecialisms = 20;

    public static void Validate(SystemLeaderDetails leader, Violations violations)
    {
        if (string.IsNullOrWhiteSpace(leader.DisplayName))
            violations.Add("system_leader.display_name", "A system leader needs a name.");
        else if (leader.DisplayName.Length > 200)
            violations.Add("system_leader.display_name", "A name has at most 200 characters.");
        if (leader.Designation == SystemLeaderDesignation.Unspecified || !Enum.IsDefined(leader.Designation))
            violations.Add("system_leader.designation", "Give the designation: NLE, LLE, SLE, NLG or a local one (DESIGNATION_LOCAL with local_designation).");
        if (leader.Designation == SystemLeaderDesignation.Local && !LocalDesignationPattern().IsMatch(leader.LocalDesignation))
            violations.Add("system_leader.local_designation", $"'{leader.LocalDesignation}' is not a local designation: use 2-10 capital letters, for example YLE.");
        if (leader.Designation != SystemLeaderDesignation.Local && leader.LocalDesignation.Length > 0)
            violations.Add("system_leader.local_designation", "Only a leader with DESIGNATION_LOCAL has a local designation.");
        if (leader.HomeSchool.Length == 0 && leader.Designation is SystemLeaderDesignation.Nle or SystemLeaderDesignation.Lle or SystemLeaderDesignation.Sle)
            violations.Add("system_leader.home_school", "Give the leader's home school (schools/{URN}): NLEs, LLEs and SLEs work in one.");
        else if (leader.HomeSchool.Length > 0 && !ResourceNames.TryParseSchool(leader.HomeSchool, out _))
            violations.Add("system_leader.home_school", $"'{leader.HomeSchool}' is not a school name; expected schools/{{6-digit URN}}.");
        if (leader.Alliance.Length > 0 && !ResourceNames.TryParseAlliance(leader.Alliance, out _))
            violations.Add("system_leader.alliance", $"'{leader.Alliance}' is not an alliance name; expected alliances/{{alliance id}}.");
        if (leader.Specialisms.Count > MaxSpecialisms)
            violations.Add("system_leader.specialisms", $"At most {MaxSpecialisms} specialisms; this leader has {leader.Specialisms.Count}.");
        for (var i = 0; i < leader.Specialisms.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(leader.Specialisms[i]) || leader.Specialisms[i].Length > 100)
                violations.Add($"system_leader.specialisms[{i}]", "A specialism has 1-100 characters.");
        }
        for (var i = 0; i < leader.PhaseOfEducationCodes.Count; i++)
        {
            if (leader.PhaseOfEducationCodes[i] is < 0 or > 7)
                violations.Add($"system_leader.phase_of_education_codes[{i}]", $"{leader.PhaseOfEducationCodes[i]} is not a GIAS phase of education code (0-7).");
        }
        CalendarDate.Validate(leader.DesignationDate, "system_leader.designation_date", violations);
    }

    [GeneratedRegex(@"^[A-Z]{2,10}\z")]
    private static partial Regex LocalDesignationPattern();
}
