using System.Linq.Expressions;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain.Bookings;
using Sia.ServiceDefaults;

namespace Sia.Cpd.Grpc;

/// <summary>
/// Who sees a school's charges: a call from inside and a partner acting for the school (its own key or its local
/// authority's) see them all; a partner acting for alliances sees the lines of those alliances' sessions (what it
/// provided), whether or not the school is a member; any other partner is PERMISSION_DENIED.
/// </summary>
internal static class ChargeAccess
{
    public static Expression<Func<BookingEntity, bool>> ChargesVisibleTo(this ServerCallContext context, RegistrySchool school)
    {
        if (context.GetCallingPartner() is not { } partner || partner.ActsForSchool(school.Urn, school.LocalAuthorityCode, [])) return _ => true;
        var alliances = partner.ActsFor.Alliances.ToList();
        if (alliances.Count == 0)
            throw new PermissionDeniedException(school.Name,
                $"The partner '{partner.Name}' does not act for {school.Name}: a school's charges are its own key's, its local authority's (LA {school.LocalAuthorityCode}) and, for their sessions, its providers'.");
        return b => alliances.Contains(b.AllianceId);
    }
}
