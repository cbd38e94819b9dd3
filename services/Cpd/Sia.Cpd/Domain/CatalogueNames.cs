using Sia.Contracts.DomainErrors;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain;

/// <summary>A programme: its provider alliance and academic year, "alliances/pathfinder/programmes/2015-16".</summary>
internal readonly record struct ProgrammeName(string AllianceId, int AcademicYear)
{
    public string Alliance => CatalogueNames.Alliance(AllianceId);

    public override string ToString() => $"{Alliance}/programmes/{ServiceKit.Domain.AcademicYear.Id(AcademicYear)}";
}

/// <summary>A course of a programme, ".../programmes/2015-16/courses/assessment-without-levels".</summary>
internal readonly record struct CourseName(ProgrammeName Programme, string CourseId)
{
    public override string ToString() => $"{Programme}/courses/{CourseId}";
}

/// <summary>A session of a course, ".../courses/assessment-without-levels/sessions/autumn-1".</summary>
internal readonly record struct SessionName(CourseName Course, string SessionId)
{
    public override string ToString() => $"{Course}/sessions/{SessionId}";
}

/// <summary>The catalogue's resource names, parsed strictly (INVALID_ARGUMENT naming the field otherwise), and the names of others' resources it refers to.</summary>
internal static class CatalogueNames
{
    private const string Alliances = "alliances/";
    public static string Alliance(string id) => Alliances + id;

    /// <summary>"alliances/{alliance_id}", the id as the registry makes them.</summary>
    public static string ParseAlliance(string name, string field) =>
        name.StartsWith(Alliances, StringComparison.Ordinal) && PartnerActsFor.IsAllianceId(name[Alliances.Length..])
            ? name[Alliances.Length..]
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not an alliance name; expected alliances/{{alliance id}}, for example alliances/pathfinder.");

    public static int ParseAcademicYear(string id, string field) => AcademicYear.TryParse(id, out var year)
        ? year
        : throw new ValidationFailedException(field,
            $"{TextChecks.Quote(id)} is not an academic year; expected yyyy-yy, the years following one another, {AcademicYear.First} to {AcademicYear.Last}, for example 2015-16.");

    /// <summary>A course's or session's id: <see cref="ResourceIds.Rule"/>.</summary>
    public static bool IsId(string id) => ResourceIds.IsKebab(id);

    public static string ParseId(string id, string field, string example) => IsId(id)
        ? id
        : throw new ValidationFailedException(field, $"{TextChecks.Quote(id)} is not an id: {ResourceIds.Rule}, for example {example}.");

    public static ProgrammeName ParseProgramme(string name, string field) => TryParseProgramme(name.Split('/'), out var programme)
        ? programme
        : throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a programme name; expected alliances/{{alliance id}}/programmes/{{yyyy-yy}}, for example alliances/pathfinder/programmes/2015-16.");

    public static CourseName ParseCourse(string name, string field) => TryParseCourse(name.Split('/'), out var course)
        ? course
        : throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a course name; expected alliances/{{alliance id}}/programmes/{{yyyy-yy}}/courses/{{course id}}, for example alliances/pathfinder/programmes/2015-16/courses/assessment-without-levels.");

    public static SessionName ParseSession(string name, string field)
    {
        var parts = name.Split('/');
        if (parts.Length == 8 && parts[6] == "sessions" && IsId(parts[7]) && TryParseCourse(parts[..6], out var course)) return new SessionName(course, parts[7]);
        throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a session name; expected alliances/{{alliance id}}/programmes/{{yyyy-yy}}/courses/{{course id}}/sessions/{{session id}}, for example alliances/pathfinder/programmes/2015-16/courses/assessment-without-levels/sessions/autumn-1.");
    }

    /// <summary>
    /// An improvement priority's name as the risk service makes it: "localAuthorities/{3-digit code}/priorities/{id}" or
    /// "alliances/{alliance id}/priorities/{id}". Only its form: the risk service is not asked.
    /// </summary>
    public static bool IsPriorityName(string name) =>
        name.Split('/') is [var kind, var owner, "priorities", var id] && IsId(id)
        && (kind == "localAuthorities" ? PartnerActsFor.IsLocalAuthorityCode(owner) : kind == "alliances" && PartnerActsFor.IsAllianceId(owner));

    private static bool TryParseProgramme(string[] parts, out ProgrammeName programme)
    {
        programme = default;
        if (parts is not ["alliances", var alliance, "programmes", var year] || !PartnerActsFor.IsAllianceId(alliance) || !AcademicYear.TryParse(year, out var y))
            return false;
        programme = new ProgrammeName(alliance, y);
        return true;
    }

    private static bool TryParseCourse(string[] parts, out CourseName course)
    {
        course = default;
        if (parts.Length != 6 || parts[4] != "courses" || !IsId(parts[5]) || !TryParseProgramme(parts[..4], out var programme)) return false;
        course = new CourseName(programme, parts[5]);
        return true;
    }

}
