using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Opens a transaction, locks the session's row (SELECT ... FOR UPDATE) so its booking operations run one at a time,
/// reads its live bookings (all but the cancelled) and releases lapsed holds: every booking change starts here.
/// </summary>
internal sealed class SessionLocks(CpdDbContext db, KeyedGates gates, TimeProvider clock, IOptions<BookingOptions> options)
{
    public async Task<LockedSession> LockAsync(SessionName name, CancellationToken cancellationToken)
    {
        var gate = await gates.EnterAsync(name.ToString(), cancellationToken);
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (allianceId, year, courseId, sessionId) = (name.Course.Programme.AllianceId, name.Course.Programme.AcademicYear, name.Course.CourseId, name.SessionId);
            var sessions = await db.Sessions.FromSql($"""
                SELECT *, xmin FROM sessions
                WHERE alliance_id = {allianceId} AND academic_year = {year} AND course_id = {courseId} AND session_id = {sessionId}
                FOR UPDATE
                """).AsNoTracking().ToListAsync(cancellationToken);
            var session = sessions.SingleOrDefault() ?? throw new NotFoundException(name.ToString());
            var live = await db.Bookings.Where(b => b.AllianceId == allianceId && b.AcademicYear == year && b.CourseId == courseId && b.SessionId == sessionId
                && b.State != BookingState.Cancelled).ToListAsync(cancellationToken);
            var ledger = new SessionLedger(session, live, clock.UtcNowForDatabase(), options.Value.Hold, options.Value.RegisterOpen);
            ledger.ReleaseExpired();
            return new LockedSession(transaction, ledger, gate);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            gate.Dispose();
            throw;
        }
    }
}

/// <summary>A locked session's transaction and ledger; disposing it ends the transaction (rolling back what was not committed) and lets the next change in.</summary>
internal sealed record LockedSession(IDbContextTransaction Transaction, SessionLedger Ledger, IDisposable Gate) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
        }
        finally
        {
            Gate.Dispose();
        }
    }
}
