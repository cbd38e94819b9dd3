using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Domain;
using Sia.ServiceDefaults;

namespace Sia.Cpd.Grpc;

/// <summary>
/// Who may change the catalogue: a partner calling through the gateway changes only the programmes (and their courses
/// and sessions) of alliances it acts for; a call from inside, with no partner, changes any. Reading needs nothing here:
/// the catalogue is public to schools, and the gateway's scope decides who reads it.
/// </summary>
internal static class PartnerAccess
{
    public static void RequireAlliance(this ServerCallContext context, string allianceId, string onlyItsOwnPartners = "change its programmes")
    {
        if (context.GetCallingPartner() is { } partner && !partner.ActsForAlliance(allianceId))
        {
            var alliance = CatalogueNames.Alliance(allianceId);
            throw new PermissionDeniedException(alliance, $"The partner '{partner.Name}' does not act for {alliance}: only its own partners {onlyItsOwnPartners}.");
        }
    }
}
