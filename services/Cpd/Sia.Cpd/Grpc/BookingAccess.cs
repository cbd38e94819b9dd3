using System.Linq.Expressions;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain;
using Sia.ServiceDefaults;

namespace Sia.Cpd.Grpc;

/// <summary>
/// Who sees and changes a booking (it names delegates): a call from inside, a partner acting for the session's provider
/// alliance, or one acting for the booking's school by its own key or its local authority's. A partner acting for the
/// school only as a member alliance that is not the provider does not see it (a known gap: it would take the registry).
/// </summary>
internal static class BookingAccess
{
    public static Expression<Func<BookingEntity, bool>> VisibleTo(this ServerCallContext context, SessionName session)
    {
        if (context.GetCallingPartner() is not { } partner || partner.ActsForAlliance(session.Course.Programme.AllianceId)) return _ => true;
        var schools = partner.ActsFor.Schools.ToList();
        var localAuthorities = partner.ActsFor.LocalAuthorities.ToList();
        return b => schools.Contains(b.SchoolUrn) || localAuthorities.Contains(b.LocalAuthorityCode);
    }

    /// <summary>Registers are the provider's: a call from inside, or a partner acting for the session's alliance.</summary>
    public static void RequireProvider(this ServerCallContext context, SessionName session)
    {
        var allianceId = session.Course.Programme.AllianceId;
        if (context.GetCallingPartner() is { } partner && !partner.ActsForAlliance(allianceId))
            throw new PermissionDeniedException(session.ToString(),
                $"The partner '{partner.Name}' does not act for {CatalogueNames.Alliance(allianceId)}, the provider: only the provider records a session's registers.");
    }

    public static void RequireBooking(this ServerCallContext context, BookingEntity booking, string name)
    {
        if (context.GetCallingPartner() is { } partner && !partner.ActsForAlliance(booking.AllianceId)
            && !partner.ActsForSchool(booking.SchoolUrn, booking.LocalAuthorityCode, []))
            throw new PermissionDeniedException(name,
                $"The partner '{partner.Name}' acts neither for schools/{booking.SchoolUrn} (by its own or its local authority's key) nor for {CatalogueNames.Alliance(booking.AllianceId)}, the provider.");
    }
}
