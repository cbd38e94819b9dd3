namespace Sia.ServiceDefaults;

/// <summary>
/// The partner system a call came from, as the gateway signed it: its configured name and whom it acts for. A service
/// shows and changes a school's data only for a partner that <see cref="ActsForSchool"/> that school.
/// </summary>
public sealed record CallingPartner(string Name, PartnerActsFor ActsFor)
{
    /// <summary>True for a partner configured without local authorities, alliances or schools (the platform's own tools).</summary>
    public bool ActsForEveryone => ActsFor.IsEveryone;

    /// <summary>Whether the partner acts for the local authority with this 3-digit code (every one of its schools).</summary>
    public bool ActsForLocalAuthority(string code) => ActsForEveryone || ActsFor.LocalAuthorities.Contains(code);

    /// <summary>Whether the partner acts for the alliance with this id (every school that is its member).</summary>
    public bool ActsForAlliance(string id) => ActsForEveryone || ActsFor.Alliances.Contains(id);

    /// <summary>
    /// Whether the partner acts for a school: for everyone, for the school itself, for its local authority
    /// (<paramref name="localAuthorityCode"/>), or for an alliance it is a member of (<paramref name="allianceIds"/>: the
    /// alliances whose membership counts for the call, as the service knows them, usually those it is a member of today).
    /// </summary>
    public bool ActsForSchool(int urn, string localAuthorityCode, IEnumerable<string> allianceIds) =>
        ActsForEveryone || ActsFor.Schools.Contains(urn) || ActsForLocalAuthority(localAuthorityCode) || allianceIds.Any(ActsForAlliance);
}
