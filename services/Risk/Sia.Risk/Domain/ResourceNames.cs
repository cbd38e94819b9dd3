using System.Globalization;
using System.Text.RegularExpressions;
using Sia.Contracts.DomainErrors;

namespace Sia.Risk.Domain;

/// <summary>A framework by its LA and academic year; with a revision, that published revision, else the draft.</summary>
internal readonly record struct FrameworkName(string LaCode, int AcademicYear, int? Revision = null)
{
    public string Draft => $"localAuthorities/{LaCode}/frameworks/{ServiceKit.Domain.AcademicYear.Id(AcademicYear)}";

    public override string ToString() => Revision is { } revision ? $"{Draft}@{revision}" : Draft;

    public FrameworkName AtRevision(int revision) => this with { Revision = revision };
}

/// <summary>A school's assessment for an academic year and round; with a version, that version, else the latest.</summary>
internal readonly record struct AssessmentName(int Urn, int AcademicYear, Assessments.AssessmentRound Round, int? Version = null)
{
    public string Latest => $"schools/{Urn}/assessments/{ServiceKit.Domain.AcademicYear.Id(AcademicYear)}-{Assessments.AssessmentStates.Id(Round)}";

    public override string ToString() => Version is { } version ? $"{Latest}@{version}" : Latest;

    public AssessmentName AtVersion(int version) => this with { Version = version };
}

/// <summary>The risk service's resource names, built and parsed ("localAuthorities/816/frameworks/2015-16@1"...).</summary>
internal static partial class ResourceNames
{
    public static string LocalAuthority(string code) => $"localAuthorities/{code}";

    public static string School(int urn) => $"schools/{urn}";

    private const string Alliances = "alliances/";

    public static string Alliance(string id) => Alliances + id;

    /// <summary>The id of an alliance's name as the registry gives it ("ebor" of "alliances/ebor"), or null for another name.</summary>
    public static string? AllianceId(string name) => name.StartsWith(Alliances, StringComparison.Ordinal) ? name[Alliances.Length..] : null;

    public static string Inspection(int urn, long id) => $"schools/{urn}/inspections/{id}";

    /// <summary>"schools/{urn}/inspections/{id}", as the registry writes it.</summary>
    public static bool TryParseInspection(string name, out int urn, out long id)
    {
        var match = InspectionPattern().Match(name);
        urn = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        id = match.Success ? long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success;
    }

    public static string LocalAuthorityCode(string name, string field) => LocalAuthorityPattern().Match(name) is { Success: true } match
        ? match.Groups[1].Value
        : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a local authority name; expected localAuthorities/{{3-digit code}}, for example localAuthorities/816.");

    public static int SchoolUrn(string name, string field) => SchoolPattern().Match(name) is { Success: true } match
        ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a school name; expected schools/{{6-digit URN}}, for example schools/121615.");

    public static int AcademicYearId(string id, string field) => ServiceKit.Domain.AcademicYear.TryParse(id, out var year)
        ? year
        : throw new ValidationFailedException(field, $"{TextChecks.Quote(id)} is not an academic year; expected yyyy-yy, for example 2015-16.");

    /// <summary>A framework's name; with <paramref name="allowRevision"/>, "@{revision}" may follow it.</summary>
    public static FrameworkName Framework(string name, string field, bool allowRevision)
    {
        var match = FrameworkPattern().Match(name);
        if (match.Success && ServiceKit.Domain.AcademicYear.TryParse(match.Groups[2].Value, out var year))
        {
            if (!match.Groups[3].Success) return new FrameworkName(match.Groups[1].Value, year);
            if (allowRevision && int.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0)
                return new FrameworkName(match.Groups[1].Value, year, revision);
            if (!allowRevision)
                throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} names a published revision, which never changes; name the framework itself, without @.");
        }
        throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a framework name; expected localAuthorities/{{code}}/frameworks/{{yyyy-yy}}{(allowRevision ? ", with @{revision} for a published revision" : "")}, for example localAuthorities/816/frameworks/2015-16.");
    }

    /// <summary>An assessment's name; with <paramref name="allowVersion"/>, "@{version}" may follow it.</summary>
    public static AssessmentName Assessment(string name, string field, bool allowVersion)
    {
        var match = AssessmentPattern().Match(name);
        if (match.Success && ServiceKit.Domain.AcademicYear.TryParse(match.Groups[2].Value, out var year)
            && Enum.TryParse<Assessments.AssessmentRound>(match.Groups[3].Value, ignoreCase: true, out var round) && round != Assessments.AssessmentRound.Unspecified)
        {
            var urn = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!match.Groups[4].Success) return new AssessmentName(urn, year, round);
            if (allowVersion && int.TryParse(match.Groups[4].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
                return new AssessmentName(urn, year, round, version);
            if (!allowVersion)
                throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} names an earlier version, which never changes; name the assessment itself, without @.");
        }
        throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not an assessment name; expected schools/{{urn}}/assessments/{{yyyy-yy}}-{{annual|autumn|spring|summer}}{(allowVersion ? ", with @{version} for an earlier version" : "")}, for example schools/121615/assessments/2015-16-autumn.");
    }

    [GeneratedRegex(@"\Aschools/([0-9]{6})/assessments/([0-9]{4}-[0-9]{2})-(annual|autumn|spring|summer)(?:@([0-9]{1,9}))?\z")]
    private static partial Regex AssessmentPattern();

    public static (string LaCode, long Id) Notification(string name, string field) => NotificationPattern().Match(name) is { Success: true } match
        && long.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? (match.Groups[1].Value, id)
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a notification name; expected localAuthorities/{{code}}/notifications/{{id}}.");

    [GeneratedRegex(@"\AlocalAuthorities/([0-9]{3})/notifications/([0-9]{1,18})\z")]
    private static partial Regex NotificationPattern();

    [GeneratedRegex(@"\Aschools/([1-9][0-9]{5})/inspections/([1-9][0-9]{0,17})\z")]
    private static partial Regex InspectionPattern();

    [GeneratedRegex(@"\AlocalAuthorities/([0-9]{3})\z")]
    private static partial Regex LocalAuthorityPattern();

    [GeneratedRegex(@"\Aschools/([0-9]{6})\z")]
    private static partial Regex SchoolPattern();

    [GeneratedRegex(@"\AlocalAuthorities/([0-9]{3})/frameworks/([0-9]{4}-[0-9]{2})(?:@([0-9]{1,9}))?\z")]
    private static partial Regex FrameworkPattern();
}
