using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain.Bookings;

namespace Sia.Cpd.Domain.Certificates;

/// <summary>Certificates of attendance: what one states, for a delegate the booking's register records as attended.</summary>
internal sealed class Certificates(CpdDbContext db)
{
    public const string Collection = "certificates";

    public async Task<CertificateFacts> GetAsync(DelegateName name, Action<BookingEntity> authorize, CancellationToken cancellationToken)
    {
        var (session, course, programme) = (name.Booking.Session, name.Booking.Session.Course, name.Booking.Session.Course.Programme);
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.AllianceId == programme.AllianceId && b.AcademicYear == programme.AcademicYear
            && b.CourseId == course.CourseId && b.SessionId == session.SessionId && b.BookingId == name.Booking.BookingId, cancellationToken)
            ?? throw new NotFoundException(name.Booking.ToString());
        authorize(booking);
        var attended = Attendance.RequireAttended(booking, name);
        var times = await db.Sessions.AsNoTracking().Where(s => s.AllianceId == programme.AllianceId && s.AcademicYear == programme.AcademicYear
            && s.CourseId == course.CourseId && s.SessionId == session.SessionId).Select(s => new { s.StartTime, s.EndTime }).SingleAsync(cancellationToken);
        var title = await db.Courses.AsNoTracking().Where(c => c.AllianceId == programme.AllianceId && c.AcademicYear == programme.AcademicYear
            && c.CourseId == course.CourseId).Select(c => c.Title).SingleAsync(cancellationToken);
        return new CertificateFacts(name, attended.Name, booking.SchoolUrn, title, programme.AllianceId, times.StartTime, times.EndTime, booking.AttendanceRecordTime!.Value);
    }
}

/// <summary>What a certificate states; issued when the register recording the delegate was last recorded.</summary>
internal sealed record CertificateFacts(DelegateName Name, string DelegateName, int SchoolUrn, string CourseTitle, string AllianceId, DateTime StartTime, DateTime EndTime,
    DateTime IssueTime)
{
    public int DurationMinutes => (int)(EndTime - StartTime).TotalMinutes;
}
