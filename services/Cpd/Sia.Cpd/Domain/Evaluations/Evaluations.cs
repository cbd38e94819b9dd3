using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain.Bookings;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Evaluations;

/// <summary>
/// Delegates' evaluations: one per delegate the register records as attended, made under the session's row lock so
/// the register cannot change under it; listed and summed per session, as far as the caller sees the bookings.
/// </summary>
internal sealed class Evaluations(CpdDbContext db, SessionLocks locks, CreateRequestLog log, TimeProvider clock)
{
    public const string Collection = "evaluations";

    /// <summary>Creates the delegate's evaluation; ALREADY_EXISTS for a second; with a request id, a retry gets the first.</summary>
    public async Task<BookingEvaluation> CreateAsync(DelegateName name, EvaluationContent content, Action<BookingEntity> authorize, Guid? requestId,
        CancellationToken cancellationToken)
    {
        var violations = new Violations();
        EvaluationRules.Validate(content, violations);
        violations.ThrowIfAny();
        await using var locked = await locks.LockAsync(name.Booking.Session, cancellationToken);
        var booking = await Bookings(name.Booking.Session).Where(b => b.BookingId == name.Booking.BookingId).AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(name.Booking.ToString());
        authorize(booking);
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier)
            return await CreateRetries.EarlierAsync(earlier, e => e == name.ToString(), _ => FindAsync(booking, name, cancellationToken));
        Attendance.RequireAttended(booking, name);
        if (await db.Evaluations.AnyAsync(e => e.BookingRowId == booking.Id && e.DelegateId == name.DelegateId, cancellationToken))
            throw new AlreadyExistsException(name.ToString(), $"Delegate {name.DelegateId} has evaluated this session already: {name}. Each delegate evaluates once.");
        var evaluation = new EvaluationEntity
        {
            BookingRowId = booking.Id,
            DelegateId = name.DelegateId,
            Rating = content.Rating,
            Comments = content.Comments,
            CreateTime = clock.UtcNowForDatabase(),
        };
        db.Evaluations.Add(evaluation);
        log.Record(requestId, name.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await locked.Transaction.CommitAsync(cancellationToken);
        return new BookingEvaluation(booking.BookingId, evaluation);
    }

    /// <summary>A session's evaluations of bookings <paramref name="visible"/> lets the caller see, in create order, after the row a previous page ended with.</summary>
    public async Task<Page<BookingEvaluation>> ListAsync(SessionName session, long? afterId, int size, Expression<Func<BookingEntity, bool>> visible,
        CancellationToken cancellationToken)
    {
        await RequireSessionAsync(session, cancellationToken);
        var after = afterId ?? 0;
        var query = from booking in Bookings(session).Where(visible)
                    join evaluation in db.Evaluations on booking.Id equals evaluation.BookingRowId
                    where evaluation.Id > after
                    orderby evaluation.Id
                    select new BookingEvaluation(booking.BookingId, evaluation);
        return await query.ToPageAsync(size, cancellationToken);
    }

    public async Task<EvaluationSummary> SummarizeAsync(SessionName session, Expression<Func<BookingEntity, bool>> visible, CancellationToken cancellationToken)
    {
        await RequireSessionAsync(session, cancellationToken);
        var ratings = from booking in Bookings(session).Where(visible)
                      join evaluation in db.Evaluations on booking.Id equals evaluation.BookingRowId
                      select evaluation.Rating;
        return new EvaluationSummary(await ratings.CountAsync(cancellationToken), await ratings.SumAsync(r => (long)r, cancellationToken));
    }

    private async Task<BookingEvaluation> FindAsync(BookingEntity booking, DelegateName name, CancellationToken cancellationToken) =>
        new(booking.BookingId, await db.Evaluations.AsNoTracking().SingleAsync(e => e.BookingRowId == booking.Id && e.DelegateId == name.DelegateId, cancellationToken));

    private async Task RequireSessionAsync(SessionName session, CancellationToken cancellationToken)
    {
        if (!await db.Sessions.AnyAsync(s => s.AllianceId == session.Course.Programme.AllianceId && s.AcademicYear == session.Course.Programme.AcademicYear
                && s.CourseId == session.Course.CourseId && s.SessionId == session.SessionId, cancellationToken))
            throw new NotFoundException(session.ToString());
    }

    private IQueryable<BookingEntity> Bookings(SessionName session) => db.Bookings.AsNoTracking().Where(b => b.AllianceId == session.Course.Programme.AllianceId
        && b.AcademicYear == session.Course.Programme.AcademicYear && b.CourseId == session.Course.CourseId && b.SessionId == session.SessionId);
}

/// <summary>An evaluation with the id of the booking it belongs to, which its name needs.</summary>
internal sealed record BookingEvaluation(string BookingId, EvaluationEntity Evaluation);
