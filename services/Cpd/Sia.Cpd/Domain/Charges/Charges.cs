using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain.Bookings;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Charges;

/// <summary>
/// What a school owes for a term: its CONFIRMED, ATTENDED and NO_SHOW bookings of sessions starting in the term (by the
/// date in England), each at its price, and its late cancellations' fees; what funds pay beside (<see cref="ChargeLine"/>).
/// </summary>
internal sealed class Charges(CpdDbContext db, ISchoolRegistry registry)
{
    private static readonly BookingState[] Charged = [BookingState.Confirmed, BookingState.Attended, BookingState.NoShow];

    /// <summary>
    /// The lines of charged bookings (places sold, and cancellations that cost a late fee), in create order, of those <paramref name="visibleTo"/> lets the caller see once the school
    /// is known; NOT_FOUND for a school the registry does not have.
    /// </summary>
    public async Task<IReadOnlyList<ChargeLine>> ForTermAsync(TermChargesName name, Func<RegistrySchool, Expression<Func<BookingEntity, bool>>> visibleTo,
        CancellationToken cancellationToken)
    {
        var school = await registry.FindSchoolAsync(name.SchoolUrn, cancellationToken) ?? throw new NotFoundException($"schools/{name.SchoolUrn}");
        var charged = await (
            from booking in db.Bookings.AsNoTracking().Where(visibleTo(school))
            join session in db.Sessions on new { booking.AllianceId, booking.AcademicYear, booking.CourseId, booking.SessionId }
                equals new { session.AllianceId, session.AcademicYear, session.CourseId, session.SessionId }
            where booking.SchoolUrn == name.SchoolUrn && booking.AcademicYear == name.Term.AcademicYear
                && (Charged.Contains(booking.State) || (booking.State == BookingState.Cancelled && booking.CancellationFeePence > 0))
            orderby booking.Id
            select new { booking, session.StartTime }).ToListAsync(cancellationToken);
        return [.. charged.Where(c => SchoolTerm.Of(ClockExtensions.DateInEngland(c.StartTime)) == name.Term).Select(c => new ChargeLine(c.booking))];
    }
}
