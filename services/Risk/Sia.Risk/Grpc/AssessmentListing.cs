using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.ServiceDefaults;

namespace Sia.Risk.Grpc;

/// <summary>
/// A ListAssessments request as the domain's filter and whether the list explains each result (its view: BASIC unless
/// FULL is asked for), checked field by field, and who may ask it: one school's list needs
/// the partner to act for the school; the list across schools ("schools/-") a local authority or alliance it acts for.
/// </summary>
internal static partial class AssessmentListing
{
    private const int MaxValues = 20;

    public static async Task<(AssessmentFilter Filter, bool Explained)> FilterAsync(ListAssessmentsRequest request, ServerCallContext context, SchoolAccess access)
    {
        int? urn = request.Parent == "schools/-" ? null : ResourceNames.SchoolUrn(request.Parent, "parent");
        var violations = new Violations();
        string? laCode = null;
        if (request.LocalAuthority.Length > 0)
        {
            try
            {
                laCode = ResourceNames.LocalAuthorityCode(request.LocalAuthority, "local_authority");
            }
            catch (ValidationFailedException e)
            {
                foreach (var v in e.Violations) violations.Add(v.Field, v.Description);
            }
        }
        if (request.AcademicYear != 0 && request.AcademicYear is < 2000 or > 2100)
            violations.Add("academic_year", "Give the academic year by the year it starts (2015 for 2015/16), or 0 for any.");
        if (!Enum.IsDefined(request.Round)) violations.Add("round", $"{(int)request.Round} is not a round.");
        if (request.Categories.Count > MaxValues) violations.Add("categories", $"At most {MaxValues} categories.");
        else if (request.Categories.Any(c => c.Length > 63 || c.Contains('\0'))) violations.Add("categories", "A category id has at most 63 characters.");
        if (request.States.Count > MaxValues) violations.Add("states", $"At most {MaxValues} states.");
        else if (request.States.Any(st => st == Assessment.Types.State.Unspecified || !Enum.IsDefined(st))) violations.Add("states", "States are draft, submitted, moderated and published.");
        if (request.Cluster.Length > 0 && !ClusterPattern().IsMatch(request.Cluster))
            violations.Add("cluster", $"{TextChecks.Quote(request.Cluster)} is not a cluster name; expected localAuthorities/{{code}}/clusters/{{cluster id}}.");
        if (request.Alliance.Length > 0 && !AlliancePattern().IsMatch(request.Alliance))
            violations.Add("alliance", $"{TextChecks.Quote(request.Alliance)} is not an alliance name; expected alliances/{{alliance id}}.");
        var due = AssessmentMapping.ToDateOnly(request.InspectionDueBefore, "inspection_due_before", violations);
        var explained = AssessmentViews.Explained(request.View, unspecified: false, violations);
        violations.ThrowIfAny();

        if (urn is { } school) await access.RequireAsync(context, school, request.Parent);
        else RequireListAcrossSchools(context, laCode, request.Alliance);
        return (new AssessmentFilter(urn, laCode, request.AcademicYear == 0 ? null : request.AcademicYear,
            request.Round == Assessment.Types.Round.Unspecified ? null : (AssessmentRound)request.Round,
            [.. request.Categories], request.AtRiskOnly, request.CausingConcernOnly, due,
            request.Cluster.Length > 0 ? request.Cluster : null, request.Alliance.Length > 0 ? request.Alliance : null,
            [.. request.States.Select(st => (AssessmentState)st)]), explained);
    }

    public static string Key(AssessmentEntity assessment) =>
        string.Create(CultureInfo.InvariantCulture, $"{assessment.Urn}:{assessment.AcademicYear}:{(int)assessment.Round}");

    public static bool TryParseKey(string text, out AssessmentListKey key)
    {
        key = null!;
        var parts = text.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var urn)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var round) || !Enum.IsDefined((AssessmentRound)round)) return false;
        key = new AssessmentListKey(urn, year, (AssessmentRound)round);
        return true;
    }

    /// <summary>A partner that does not act for everyone lists across schools only within an LA or alliance it acts for.</summary>
    private static void RequireListAcrossSchools(ServerCallContext context, string? laCode, string alliance)
    {
        if (context.GetCallingPartner() is not { ActsForEveryone: false } partner) return;
        if (laCode is not null)
        {
            context.RequireLocalAuthority(laCode);
            return;
        }
        if (alliance.Length > 0 && partner.ActsForAlliance(ResourceNames.AllianceId(alliance)!)) return;
        throw new PermissionDeniedException("schools/-",
            $"The partner '{partner.Name}' lists assessments only within a local authority or alliance it acts for: set local_authority (or alliance).");
    }

    [GeneratedRegex(@"\AlocalAuthorities/[0-9]{3}/clusters/[a-z][a-z0-9-]{0,39}\z")]
    private static partial Regex ClusterPattern();

    [GeneratedRegex(@"\Aalliances/[a-z][a-z0-9-]{0,39}\z")]
    private static partial Regex AlliancePattern();
}
