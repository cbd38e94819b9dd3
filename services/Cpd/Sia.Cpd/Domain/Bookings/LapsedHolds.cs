using Microsoft.EntityFrameworkCore;
using Sia.Cpd.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Sessions whose holds (or offers) have lapsed while nobody booked: each is locked as a booking change would lock it,
/// which cancels the lapsed holds and offers their places to those waiting (<see cref="SessionLedger.ReleaseExpired"/>).
/// </summary>
internal sealed class LapsedHolds(CpdDbContext db, SessionLocks locks, TimeProvider clock)
{
    public async Task<IReadOnlyList<SessionName>> SessionsAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForDatabase();
        var sessions = await db.Bookings.AsNoTracking()
            .Where(b => b.State == BookingState.Held && b.HoldExpireTime <= now)
            .Select(b => new { b.AllianceId, b.AcademicYear, b.CourseId, b.SessionId })
            .Distinct().Take(limit).ToListAsync(cancellationToken);
        return [.. sessions.Select(s => new SessionName(new CourseName(new ProgrammeName(s.AllianceId, s.AcademicYear), s.CourseId), s.SessionId))];
    }

    public async Task ReleaseAsync(SessionName session, CancellationToken cancellationToken)
    {
        await using var locked = await locks.LockAsync(session, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await locked.Transaction.CommitAsync(cancellationToken);
    }
}
