using System.Text.RegularExpressions;
using Sia.Contracts.DomainErrors;

namespace Sia.Registry.Domain;

/// <summary>The registry's resource names, built and parsed ("schools/{urn}", "alliances/{alliance_id}"...).</summary>
internal static partial class ResourceNames
{
    public static string LocalAuthority(string code) => $"localAuthorities/{code}";

    public static string School(int urn) => $"schools/{urn}";

    public static string Cluster(string laCode, string clusterId) => $"localAuthorities/{laCode}/clusters/{clusterId}";

    public static bool TryParseCluster(string name, out (string LaCode, string ClusterId) cluster)
    {
        var match = ClusterPattern().Match(name);
        cluster = match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : ("", "");
        return match.Success;
    }

    public static (string LaCode, string ClusterId) ClusterId(string name, string field) =>
        TryParseCluster(name, out var cluster) ? cluster
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a cluster name; expected localAuthorities/{{code}}/clusters/{{cluster id}}, for example localAuthorities/816/clusters/north.");

    /// <summary>Whether a client-chosen id (of a cluster or an alliance) is well formed.</summary>
    public static bool IsValidChosenId(string id) => ChosenIdPattern().IsMatch(id);

    public const string ChosenIdRule = "use 1-40 lower-case letters, digits and hyphens, starting with a letter";

    public static string Alliance(string allianceId) => $"alliances/{allianceId}";

    public static bool TryParseAlliance(string name, out string allianceId)
    {
        var match = AlliancePattern().Match(name);
        allianceId = match.Success ? match.Groups[1].Value : "";
        return match.Success;
    }

    public static string AllianceId(string name, string field) =>
        TryParseAlliance(name, out var allianceId) ? allianceId
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not an alliance name; expected alliances/{{alliance id}}, for example alliances/ebor.");

    public static string AllianceMembership(string allianceId, long id) => $"alliances/{allianceId}/memberships/{id}";

    public static bool TryParseAllianceMembership(string name, out (string AllianceId, long Id) membership)
    {
        var match = AllianceMembershipPattern().Match(name);
        membership = match.Success ? (match.Groups[1].Value, long.Parse(match.Groups[2].Value)) : ("", 0);
        return match.Success;
    }

    public static (string AllianceId, long Id) AllianceMembershipId(string name, string field) =>
        TryParseAllianceMembership(name, out var membership) ? membership
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not an alliance membership name; expected alliances/{{alliance id}}/memberships/{{id}}.");

    public static string SystemLeader(long id) => $"systemLeaders/{id}";

    public static bool TryParseSystemLeader(string name, out long id)
    {
        var match = SystemLeaderPattern().Match(name);
        id = match.Success ? long.Parse(match.Groups[1].Value) : 0;
        return match.Success;
    }

    public static long SystemLeaderId(string name, string field) =>
        TryParseSystemLeader(name, out var id) ? id
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a system leader name; expected systemLeaders/{{id}}, for example systemLeaders/12.");

    public static string Inspection(int urn, long id) => $"schools/{urn}/inspections/{id}";

    public static bool TryParseInspection(string name, out (int Urn, long Id) inspection)
    {
        var match = InspectionPattern().Match(name);
        inspection = match.Success ? (int.Parse(match.Groups[1].Value), long.Parse(match.Groups[2].Value)) : (0, 0);
        return match.Success;
    }

    public static (int Urn, long Id) InspectionId(string name, string field) =>
        TryParseInspection(name, out var inspection) ? inspection
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not an inspection name; expected schools/{{URN}}/inspections/{{id}}.");

    public static bool TryParseLocalAuthority(string name, out string code)
    {
        var match = LocalAuthorityPattern().Match(name);
        code = match.Success ? match.Groups[1].Value : "";
        return match.Success;
    }

    public static bool TryParseSchool(string name, out int urn)
    {
        var match = SchoolPattern().Match(name);
        urn = match.Success ? int.Parse(match.Groups[1].Value) : 0;
        return match.Success;
    }

    public static string LocalAuthorityCode(string name, string field) =>
        TryParseLocalAuthority(name, out var code) ? code
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a local authority name; expected localAuthorities/{{3-digit code}}, for example localAuthorities/816.");

    public static int SchoolUrn(string name, string field) =>
        TryParseSchool(name, out var urn) ? urn
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a school name; expected schools/{{6-digit URN}}, for example schools/121615.");

    // [0-9] rather than \d, which matches any Unicode digit (int.Parse then throws on "schools/99010２"), and \z rather than $,
    // which also matches before a final newline.
    [GeneratedRegex(@"^localAuthorities/([0-9]{3})\z")]
    private static partial Regex LocalAuthorityPattern();

    [GeneratedRegex(@"^schools/([1-9][0-9]{5})\z")]
    private static partial Regex SchoolPattern();

    [GeneratedRegex(@"^localAuthorities/([0-9]{3})/clusters/([a-z][a-z0-9-]{0,39})\z")]
    private static partial Regex ClusterPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,39}\z")]
    private static partial Regex ChosenIdPattern();

    [GeneratedRegex(@"^alliances/([a-z][a-z0-9-]{0,39})\z")]
    private static partial Regex AlliancePattern();

    [GeneratedRegex(@"^alliances/([a-z][a-z0-9-]{0,39})/memberships/([1-9][0-9]{0,17})\z")]
    private static partial Regex AllianceMembershipPattern();

    [GeneratedRegex(@"^systemLeaders/([1-9][0-9]{0,17})\z")]
    private static partial Regex SystemLeaderPattern();

    [GeneratedRegex(@"^schools/([1-9][0-9]{5})/inspections/([1-9][0-9]{0,17})\z")]
    private static partial Regex InspectionPattern();
}
