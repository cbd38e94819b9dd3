using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Domain;
using Sia.ServiceDefaults;

namespace Sia.Funding.Grpc;

/// <summary>
/// Who may do what with an LA's funds: a partner acting for the LA (or for everyone) manages and reads its funds and
/// their allocations; a partner acting for alliances sees only those alliances' allocations, and another's is NOT_FOUND
/// to it, as if there were none; a call from inside, with no partner, may do anything.
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

    /// <summary>The providers whose allocations in the LA's funds the caller sees: null for all of them.</summary>
    public static IReadOnlySet<string>? VisibleProviders(this ServerCallContext context, string localAuthorityCode) =>
        context.GetCallingPartner() is { } partner && !partner.ActsForLocalAuthority(localAuthorityCode)
            ? partner.ActsFor.Alliances.Select(id => $"alliances/{id}").ToHashSet(StringComparer.Ordinal)
            : null;

    /// <summary>Who the ledger records as making a movement: the calling partner's name, or "internal".</summary>
    public static string Actor(this ServerCallContext context) => context.GetCallingPartner()?.Name ?? "internal";
}
