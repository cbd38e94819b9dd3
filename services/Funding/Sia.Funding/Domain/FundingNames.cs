using Sia.Contracts.DomainErrors;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Domain;

namespace Sia.Funding.Domain;

/// <summary>A fund: its local authority and id, "localAuthorities/816/funds/schools-causing-concern-2014".</summary>
internal readonly record struct FundName(string LocalAuthorityCode, string FundId)
{
    public string LocalAuthority => FundingNames.LocalAuthority(LocalAuthorityCode);

    public override string ToString() => $"{LocalAuthority}/funds/{FundId}";
}

/// <summary>An allocation of a fund, ".../funds/commissioning-2015/allocations/ebor".</summary>
internal readonly record struct AllocationName(FundName Fund, string AllocationId)
{
    public override string ToString() => $"{Fund}/allocations/{AllocationId}";
}

/// <summary>A commitment of an allocation, ".../allocations/ebor/commitments/park-grove-autumn-2015".</summary>
internal readonly record struct CommitmentName(AllocationName Allocation, string CommitmentId)
{
    public override string ToString() => $"{Allocation}/commitments/{CommitmentId}";
}

/// <summary>The service's resource names, parsed strictly (INVALID_ARGUMENT naming the field otherwise), and the names of others' resources it refers to.</summary>
internal static class FundingNames
{
    private const string LocalAuthorities = "localAuthorities/";

    public static string LocalAuthority(string code) => LocalAuthorities + code;

    /// <summary>"localAuthorities/{la_code}": the LA's 3-digit code.</summary>
    public static string ParseLocalAuthority(string name, string field) =>
        name.StartsWith(LocalAuthorities, StringComparison.Ordinal) && PartnerActsFor.IsLocalAuthorityCode(name[LocalAuthorities.Length..])
            ? name[LocalAuthorities.Length..]
            : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a local authority name; expected localAuthorities/{{3-digit code}}, for example localAuthorities/816.");

    public static string ParseId(string id, string field, string example) => ResourceIds.IsKebab(id)
        ? id
        : throw new ValidationFailedException(field, $"{TextChecks.Quote(id)} is not an id: {ResourceIds.Rule}, for example {example}.");

    /// <summary>A page token's key: a fund's or allocation's id (<see cref="ResourceIds.Rule"/>).</summary>
    public static bool TryReadId(string text, out string id)
    {
        id = text;
        return ResourceIds.IsKebab(text);
    }

    public static int ParseFinancialYear(string id, string field) => FinancialYear.TryParse(id, out var year)
        ? year
        : throw new ValidationFailedException(field,
            $"{TextChecks.Quote(id)} is not a financial year; expected yyyy-yy, the years following one another, {FinancialYear.First} to {FinancialYear.Last}, for example 2015-16.");

    public static FundName ParseFund(string name, string field) => TryParseFund(name.Split('/'), out var fund)
        ? fund
        : throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a fund name; expected localAuthorities/{{3-digit code}}/funds/{{fund id}}, for example localAuthorities/816/funds/schools-causing-concern-2014.");

    public static AllocationName ParseAllocation(string name, string field)
    {
        var parts = name.Split('/');
        if (parts.Length == 6 && parts[4] == "allocations" && ResourceIds.IsKebab(parts[5]) && TryParseFund(parts[..4], out var fund)) return new AllocationName(fund, parts[5]);
        throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not an allocation name; expected localAuthorities/{{3-digit code}}/funds/{{fund id}}/allocations/{{allocation id}}, for example localAuthorities/816/funds/commissioning-2015/allocations/ebor.");
    }

    public static CommitmentName ParseCommitment(string name, string field)
    {
        var parts = name.Split('/');
        if (parts.Length == 8 && parts[4] == "allocations" && parts[6] == "commitments" && ResourceIds.IsKebab(parts[5]) && ResourceIds.IsKebab(parts[7])
            && TryParseFund(parts[..4], out var fund))
            return new CommitmentName(new AllocationName(fund, parts[5]), parts[7]);
        throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a commitment name; expected localAuthorities/{{3-digit code}}/funds/{{fund id}}/allocations/{{allocation id}}/commitments/{{commitment id}}, "
            + "for example localAuthorities/816/funds/commissioning-2015/allocations/ebor/commitments/park-grove-autumn-2015.");
    }

    /// <summary>"schools/{urn}", the registry's name of a school. Only its form.</summary>
    public static bool IsSchoolName(string name) => name.Split('/') is ["schools", var urn] && PartnerActsFor.IsSchoolUrn(urn);

    /// <summary>
    /// Whether a name has the form of another service's resource name: "collection/id" pairs, the ids free of spaces and
    /// slashes. Only its form: the service that owns it is not asked.
    /// </summary>
    public static bool IsResourceName(string name)
    {
        var parts = name.Split('/');
        return parts.Length % 2 == 0 && parts.All(p => p.Length > 0 && !p.Any(char.IsWhiteSpace) && !p.Any(char.IsControl));
    }

    /// <summary>
    /// Whether a provider's name has a provider's form: "alliances/{id}" or "systemLeaders/{id}" as the registry makes them,
    /// or "localAuthorities/{code}/clusters/{id}" or "localAuthorities/{code}" of the fund's own LA (<paramref name="fundLocalAuthorityCode"/>).
    /// </summary>
    public static bool IsProvider(string name, string fundLocalAuthorityCode) => name.Split('/') switch
    {
        ["alliances", var id] => PartnerActsFor.IsAllianceId(id),
        ["systemLeaders", var id] => id.Length is >= 1 and <= 18 && id[0] != '0' && id.All(char.IsAsciiDigit),
        ["localAuthorities", var code] => code == fundLocalAuthorityCode,
        // The registry gives clusters ids of the form it gives alliances.
        ["localAuthorities", var code, "clusters", var id] => code == fundLocalAuthorityCode && PartnerActsFor.IsAllianceId(id),
        _ => false,
    };

    /// <summary>
    /// An improvement priority's name as the risk service makes it: "localAuthorities/{3-digit code}/priorities/{id}" or
    /// "alliances/{alliance id}/priorities/{id}". Only its form: the risk service is not asked.
    /// </summary>
    public static bool IsPriorityName(string name) =>
        name.Split('/') is [var kind, var owner, "priorities", var id] && ResourceIds.IsKebab(id)
        && (kind == "localAuthorities" ? PartnerActsFor.IsLocalAuthorityCode(owner) : kind == "alliances" && PartnerActsFor.IsAllianceId(owner));

    private static bool TryParseFund(string[] parts, out FundName fund)
    {
        fund = default;
        if (parts is not ["localAuthorities", var code, "funds", var id] || !PartnerActsFor.IsLocalAuthorityCode(code) || !ResourceIds.IsKebab(id)) return false;
        fund = new FundName(code, id);
        return true;
    }
}
