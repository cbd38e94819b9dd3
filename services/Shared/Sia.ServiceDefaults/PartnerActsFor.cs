using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sia.ServiceDefaults;

/// <summary>
/// Whom a partner acts for: local authorities (3-digit codes), alliances (registry ids) and schools (URNs), or
/// <see cref="Everyone"/> (a partner configured with none, such as the platform's own tools). Its
/// <see cref="HeaderValue"/>, the x-sia-partner-acts-for header, is canonical: "*", or the entries "la:CODE", then
/// "alliance:ID", then "school:URN", each kind in ordinal order, without duplicates, joined by commas, e.g.
/// "la:816,la:817,alliance:ebor,school:121615". At most <see cref="MaxEntries"/> entries and <see cref="MaxHeaderLength"/>
/// characters, well inside what an HTTP/2 server takes in one header (Kestrel: 16 KiB by default).
/// </summary>
public sealed record PartnerActsFor
{
    /// <summary>How many local authorities, alliances and schools together a partner may act for.</summary>
    public const int MaxEntries = 500;

    /// <summary>The longest header value: 500 schools take 6,999 characters; long alliance ids could take more.</summary>
    public const int MaxHeaderLength = 8192;

    public const string LocalAuthorityCodeFormat = "three digits, e.g. '816'";
    public const string AllianceIdFormat = "a lower-case letter, then up to 39 lower-case letters, digits or '-', e.g. 'ebor'";
    public const string SchoolUrnFormat = "six digits, not starting with 0, e.g. '121615'";

    private const string EveryoneValue = "*";
    private const string LocalAuthorityPrefix = "la:";
    private const string AlliancePrefix = "alliance:";
    private const string SchoolPrefix = "school:";

    public static readonly PartnerActsFor Everyone = new([], [], [], EveryoneValue);

    private PartnerActsFor(ImmutableSortedSet<string> localAuthorities, ImmutableSortedSet<string> alliances, ImmutableSortedSet<int> schools,
        string headerValue) =>
        (LocalAuthorities, Alliances, Schools, HeaderValue) = (localAuthorities, alliances, schools, headerValue);

    /// <summary>True for a partner that acts for everyone; then the three sets are empty.</summary>
    public bool IsEveryone => HeaderValue == EveryoneValue;

    /// <summary>The local authorities' 3-digit codes, e.g. "816" (in order, as are the alliances and schools).</summary>
    public IReadOnlySet<string> LocalAuthorities { get; }

    /// <summary>The alliances' ids, e.g. "ebor" (of "alliances/ebor").</summary>
    public IReadOnlySet<string> Alliances { get; }

    /// <summary>The schools' URNs.</summary>
    public IReadOnlySet<int> Schools { get; }

    /// <summary>The canonical x-sia-partner-acts-for value, which the gateway signs.</summary>
    public string HeaderValue { get; }

    /// <summary>
    /// The partner acting for these (duplicates count once), or <see cref="Everyone"/> when all three are empty. Throws
    /// ArgumentException for a value that is not well formed (see <see cref="IsLocalAuthorityCode"/>, <see cref="IsAllianceId"/>,
    /// <see cref="IsSchoolUrn"/>), more than <see cref="MaxEntries"/> in all, or a header longer than <see cref="MaxHeaderLength"/>.
    /// </summary>
    public static PartnerActsFor Of(IEnumerable<string> localAuthorities, IEnumerable<string> alliances, IEnumerable<string> schools)
    {
        var codes = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, localAuthorities);
        var ids = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, alliances);
        var urns = ImmutableSortedSet.CreateRange(schools.Select(urn => IsSchoolUrn(urn)
            ? int.Parse(urn, NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new ArgumentException($"'{urn}' is not a school's URN ({SchoolUrnFormat}).", nameof(schools))));
        if (codes.FirstOrDefault(code => !IsLocalAuthorityCode(code)) is { } badCode)
            throw new ArgumentException($"'{badCode}' is not a local authority's code ({LocalAuthorityCodeFormat}).", nameof(localAuthorities));
        if (ids.FirstOrDefault(id => !IsAllianceId(id)) is { } badId)
            throw new ArgumentException($"'{badId}' is not an alliance's id ({AllianceIdFormat}).", nameof(alliances));
        var count = codes.Count + ids.Count + urns.Count;
        if (count > MaxEntries)
            throw new ArgumentException($"{count} local authorities, alliances and schools are more than the {MaxEntries} a partner may act for.");
        if (count == 0) return Everyone;
        string[] entries =
        [
            .. codes.Select(code => LocalAuthorityPrefix + code),
            .. ids.Select(id => AlliancePrefix + id),
            .. urns.Select(urn => SchoolPrefix + urn.ToString(CultureInfo.InvariantCulture)),
        ];
        var headerValue = string.Join(',', entries);
        if (headerValue.Length > MaxHeaderLength)
            throw new ArgumentException(
                $"They would take {headerValue.Length} characters in the signed header, more than its {MaxHeaderLength}: list fewer, or fewer long alliance ids.");
        return new(codes, ids, urns, headerValue);
    }

    /// <summary>
    /// The set a header value names, when it is exactly the canonical form <see cref="Of"/> gives (so one set has one
    /// value); false for anything else.
    /// </summary>
    public static bool TryParse(string? headerValue, [NotNullWhen(true)] out PartnerActsFor? actsFor)
    {
        actsFor = null;
        if (headerValue is null) return false;
        if (headerValue == EveryoneValue)
        {
            actsFor = Everyone;
            return true;
        }
        if (headerValue.Length > MaxHeaderLength) return false;
        var entries = headerValue.Split(',');
        if (entries.Length > MaxEntries) return false;
        var codes = new List<string>();
        var ids = new List<string>();
        var urns = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.StartsWith(LocalAuthorityPrefix, StringComparison.Ordinal)) codes.Add(entry[LocalAuthorityPrefix.Length..]);
            else if (entry.StartsWith(AlliancePrefix, StringComparison.Ordinal)) ids.Add(entry[AlliancePrefix.Length..]);
            else if (entry.StartsWith(SchoolPrefix, StringComparison.Ordinal)) urns.Add(entry[SchoolPrefix.Length..]);
            else return false;
        }
        if (!codes.All(IsLocalAuthorityCode) || !ids.All(IsAllianceId) || !urns.All(IsSchoolUrn)) return false;
        var parsed = Of(codes, ids, urns);
        if (parsed.HeaderValue != headerValue) return false;
        actsFor = parsed;
        return true;
    }

    /// <summary>A local authority's code: <see cref="LocalAuthorityCodeFormat"/>.</summary>
    public static bool IsLocalAuthorityCode(string code) => code.Length == 3 && code.All(char.IsAsciiDigit);

    /// <summary>An alliance's id as the registry makes them: <see cref="AllianceIdFormat"/>.</summary>
    public static bool IsAllianceId(string id) =>
        id.Length is >= 1 and <= 40 && char.IsAsciiLetterLower(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>A school's URN: <see cref="SchoolUrnFormat"/> (ASCII).</summary>
    public static bool IsSchoolUrn(string urn) => urn.Length == 6 && urn[0] != '0' && urn.All(char.IsAsciiDigit);

    public bool Equals(PartnerActsFor? other) => other is not null && HeaderValue == other.HeaderValue;

    public override int GetHashCode() => HeaderValue.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => HeaderValue;
}
