using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Domain;
using Sia.ServiceDefaults;

namespace Sia.Funding.Grpc;

/// <summary>
/// Who may do what with an LA's funds: a partner acting for the LA (or for everyone) manages and reads its funds, their
/// allocations and commitments; a partner acting for alliances sees only those alliances' allocations and their
/// commitments, and another's is NOT_FOUND to it, as if there were none (it learns nothing of others' money); any other
/// partner is refused; a call from inside, with no partner, may do anything.
/// </summary>
internal static class FundAccess
{
    public static void RequireLocalAuthority(this ServerCallContext context, string localAuthorityCode)
    {
        if (context.GetCallingPartner() is { } partner && !partner.ActsForLocalAuthority(localAuthorityCode))
        {
            var localAuthority = FundingNames.LocalAuthority(localAuthorityCode);
            throw new PermissionDeniedException(localAuthority,
                $"The partner '{partner.Name}' does not act for {localAuthority}: only its own partners manage and read its funds.");
        }
    }

    /// <summary>
    /// The providers whose allocations in the LA's funds the caller sees: null for all of them; PERMISSION_DENIED for a
    /// partner that acts neither for the LA nor for any alliance.
    /// </summary>
    public static IReadOnlySet<string>? VisibleProviders(this ServerCallContext context, string localAuthorityCode)
    {
        if (context.GetCallingPartner() is not { } partner || partner.ActsForLocalAuthority(localAuthorityCode)) return null;
        if (partner.ActsFor.Alliances.Count == 0)
        {
            var localAuthority = FundingNames.LocalAuthority(localAuthorityCode);
            throw new PermissionDeniedException(localAuthority,
                $"The partner '{partner.Name}' acts neither for {localAuthority} nor for an alliance: only they see allocations of its funds.");
        }
        return partner.ActsFor.Alliances.Select(id => $"alliances/{id}").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Who the ledger records as making a movement: the calling partner's name, or "internal".</summary>
    public static string Actor(this ServerCallContext context) => context.GetCallingPartner()?.Name ?? "internal";
}
