using System.Text.RegularExpressions;
using Sia.Contracts.DomainErrors;

namespace Sia.Registry.Domain;

/// <summary>What makes a system leader valid, checked as a whole so that every problem is reported at once.</summary>
internal static partial class SystemLeaderRules
{
    private const int MaxSpecialisms = 20;

    /// <summary>GIAS's phases of education, 0-7.</summary>
    private const int MaxPhases = 8;

    public static void Validate(SystemLeaderDetails leader, Violations violations)
    {
        if (string.IsNullOrWhiteSpace(leader.DisplayName))
            violations.Add("system_leader.display_name", "A system leader needs a name.");
        else
            TextLimits.Check(leader.DisplayName, TextLimits.Name, "system_leader.display_name", violations);
        if (leader.Designation == SystemLeaderDesignation.Unspecified || !Enum.IsDefined(leader.Designation))
            violations.Add("system_leader.designation", "Give the designation: NLE, LLE, SLE, NLG or a local one (DESIGNATION_LOCAL with local_designation).");
        if (leader.Designation == SystemLeaderDesignation.Local && !LocalDesignationPattern().IsMatch(leader.LocalDesignation))
            violations.Add("system_leader.local_designation", $"{TextChecks.Quote(leader.LocalDesignation)} is not a local designation: use 2-10 capital letters, for example YLE.");
        if (leader.Designation != SystemLeaderDesignation.Local && leader.LocalDesignation.Length > 0)
            violations.Add("system_leader.local_designation", "Only a leader with DESIGNATION_LOCAL has a local designation.");
        if (leader.HomeSchool.Length == 0 && leader.Designation is SystemLeaderDesignation.Nle or SystemLeaderDesignation.Lle or SystemLeaderDesignation.Sle)
            violations.Add("system_leader.home_school", "Give the leader's home school (schools/{URN}): NLEs, LLEs and SLEs work in one.");
        else if (leader.HomeSchool.Length > 0 && !ResourceNames.TryParseSchool(leader.HomeSchool, out _))
            violations.Add("system_leader.home_school", $"{TextChecks.Quote(leader.HomeSchool)} is not a school name; expected schools/{{6-digit URN}}.");
        if (leader.Alliance.Length > 0 && !ResourceNames.TryParseAlliance(leader.Alliance, out _))
            violations.Add("system_leader.alliance", $"{TextChecks.Quote(leader.Alliance)} is not an alliance name; expected alliances/{{alliance id}}.");
        if (leader.Specialisms.Count > MaxSpecialisms)
            violations.Add("system_leader.specialisms", $"At most {MaxSpecialisms} specialisms; this leader has {leader.Specialisms.Count}.");
        else
            ValidateSpecialisms(leader.Specialisms, violations);
        if (leader.PhaseOfEducationCodes.Count > MaxPhases)
            violations.Add("system_leader.phase_of_education_codes", $"At most {MaxPhases} phases (GIAS codes 0-7); this leader has {leader.PhaseOfEducationCodes.Count}.");
        else
            ValidatePhases(leader.PhaseOfEducationCodes, violations);
        CalendarDate.Validate(leader.DesignationDate, "system_leader.designation_date", violations);
    }

    private static void ValidateSpecialisms(IReadOnlyList<string> specialisms, Violations violations)
    {
        for (var i = 0; i < specialisms.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(specialisms[i])) violations.Add($"system_leader.specialisms[{i}]", "A specialism can't be blank.");
            else TextLimits.Check(specialisms[i], TextLimits.Specialism, $"system_leader.specialisms[{i}]", violations);
        }
    }

    private static void ValidatePhases(IReadOnlyList<int> phases, Violations violations)
    {
        for (var i = 0; i < phases.Count; i++)
        {
            if (phases[i] is < 0 or > 7)
                violations.Add($"system_leader.phase_of_education_codes[{i}]", $"{phases[i]} is not a GIAS phase of education code (0-7).");
        }
    }

    [GeneratedRegex(@"^[A-Z]{2,10}\z")]
    private static partial Regex LocalDesignationPattern();
}
