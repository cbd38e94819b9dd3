using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain.Bookings;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Sessions;

/// <summary>The sessions (cohorts) of courses, each by an id its provider chooses or the service assigns.</summary>
internal sealed class Sessions(CpdDbContext db, CreateRequestLog log, SessionLocks locks, TimeProvider clock)
{
    private const string AssignedIdLetters = "abcdefghijklmnopqrstuvwxyz0123456789";

    public async Task<SessionEntity> GetAsync(SessionName name, CancellationToken cancellationToken) =>
        await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());

    /// <summary>A course's sessions by id, after the one a previous page ended with; NOT_FOUND for a course that does not exist.</summary>
    public async Task<Page<SessionEntity>> ListAsync(CourseName course, string? afterId, int size, CancellationToken cancellationToken)
    {
        await RequireCourseAsync(course, cancellationToken);
        var query = Of(course).AsNoTracking();
        if (afterId is not null) query = query.Where(s => string.Compare(s.SessionId, afterId) > 0);
        return await query.OrderBy(s => s.SessionId).ToPageAsync(size, cancellationToken);
    }

    /// <summary>
    /// Creates the session, with <paramref name="sessionId"/> or, if null, an id the service assigns ("s-" and eight
    /// letters and digits); with a request id, a retry gets the one the first attempt made. A taken id is ALREADY_EXISTS.
    /// </summary>
    public async Task<SessionEntity> CreateAsync(CourseName course, string? sessionId, SessionContent content, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        SessionRules.Validate(content, course.Programme.AcademicYear, "session", violations);
        violations.ThrowIfAny();
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierAsync(earlier, course, sessionId, cancellationToken);
        await RequireCourseAsync(course, cancellationToken);

        var name = new SessionName(course, sessionId ?? $"s-{RandomNumberGenerator.GetString(AssignedIdLetters, 8)}");
        var now = clock.UtcNowForDatabase();
        var entity = new SessionEntity
        {
            AllianceId = course.Programme.AllianceId,
            AcademicYear = course.Programme.AcademicYear,
            CourseId = course.CourseId,
            SessionId = name.SessionId,
            Venue = "",
            CreateTime = now,
            UpdateTime = now,
        };
        Apply(content, entity);
        db.Sessions.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, name.ToString(), _ => new AlreadyExistsException(name.ToString(),
            $"{course} already has a session with the id '{name.SessionId}': {name}. Choose another id, or update that one."), cancellationToken);
        return winner is null ? entity : await EarlierAsync(winner, course, sessionId, cancellationToken);
    }

    /// <summary>
    /// Changes the session as <paramref name="change"/> says (a stale etag is ABORTED, a cancelled session
    /// FAILED_PRECONDITION), under its row lock, as bookings are made, so that its capacity never goes below the places
    /// held and confirmed nor its funded places below those claimed (<see cref="SessionLedger.Resize"/>), and places a
    /// raise frees are offered to the waiting list in the same transaction.
    /// </summary>
    public async Task<SessionEntity> UpdateAsync(SessionName name, uint? etag, Func<SessionContent, SessionContent> change, CancellationToken cancellationToken)
    {
        await using var locked = await locks.LockAsync(name, cancellationToken);
        SessionEntity entity;
        SessionContent content;
        try
        {
            entity = await FindLiveAsync(name, etag, cancellationToken);
            content = change(ContentOf(entity));
            var violations = new Violations();
            SessionRules.Validate(content, name.Course.Programme.AcademicYear, "session", violations);
            violations.ThrowIfAny();
            locked.Ledger.Resize(content.Capacity, content.FundedPlaces, name.ToString());
        }
        catch (DomainException)
        {
            // Refused, as a booking change is: what locking the session released (lapsed holds, offers) is kept.
            await db.SaveChangesAsync(cancellationToken);
            await locked.Transaction.CommitAsync(cancellationToken);
            throw;
        }
        Apply(content, entity);
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name.ToString(), cancellationToken);
        await locked.Transaction.CommitAsync(cancellationToken);
        return entity;
    }

    /// <summary>
    /// The organiser cancels the session, for <paramref name="reason"/>: under its row lock, every live booking is
    /// cancelled (ORGANISER_CANCELLED, no fee) in the same transaction. A stale etag is ABORTED; a cancelled or ended
    /// session FAILED_PRECONDITION.
    /// </summary>
    public async Task<SessionEntity> CancelAsync(SessionName name, uint? etag, string reason, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        SessionRules.ValidateCancellation(reason, violations);
        violations.ThrowIfAny();
        await using var locked = await locks.LockAsync(name, cancellationToken);
        var entity = await FindLiveAsync(name, etag, cancellationToken);
        locked.Ledger.CancelSession(name.ToString());
        entity.Status = SessionStatus.Cancelled;
        entity.CancellationReason = reason.Trim();
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveUnlessChangedAsync(name.ToString(), cancellationToken);
        await locked.Transaction.CommitAsync(cancellationToken);
        return entity;
    }

    /// <summary>The locked session's row, tracked, unless its etag is stale (ABORTED) or it is cancelled (FAILED_PRECONDITION).</summary>
    private async Task<SessionEntity> FindLiveAsync(SessionName name, uint? etag, CancellationToken cancellationToken)
    {
        var entity = await Find(name).SingleAsync(cancellationToken);
        Etag.ThrowIfStale(etag, entity.Version, name.ToString());
        if (entity.Status == SessionStatus.Cancelled)
            throw new PreconditionFailedException(name.ToString(), $"{name} is cancelled: it can no longer change. Create a new session instead.");
        return entity;
    }

    private static SessionContent ContentOf(SessionEntity e) => new(e.StartTime, e.EndTime, e.Venue, e.Online, e.Capacity, e.MinimumNumbers, e.BookingDeadline,
        e.PriceWithSlaPence, e.PriceWithoutSlaPence, e.FundedPlacesFund is { } fund ? new FundedPlaces(fund, e.FundedPlaces) : null, e.Status);

    /// <summary>Copies validated content (its times present) onto the row.</summary>
    private static void Apply(SessionContent content, SessionEntity entity)
    {
        entity.StartTime = content.StartTime!.Value;
        entity.EndTime = content.EndTime!.Value;
        entity.Venue = content.Venue.Trim();
        entity.Online = content.Online;
        entity.Capacity = content.Capacity;
        entity.MinimumNumbers = content.MinimumNumbers;
        entity.BookingDeadline = content.BookingDeadline!.Value;
        entity.PriceWithSlaPence = content.PriceWithSlaPence;
        entity.PriceWithoutSlaPence = content.PriceWithoutSlaPence;
        entity.FundedPlacesFund = content.FundedPlaces?.Fund.Trim();
        entity.FundedPlaces = content.FundedPlaces?.Places ?? 0;
        entity.Status = content.Status;
    }

    private async Task RequireCourseAsync(CourseName course, CancellationToken cancellationToken)
    {
        if (!await db.Courses.AnyAsync(c => c.AllianceId == course.Programme.AllianceId && c.AcademicYear == course.Programme.AcademicYear && c.CourseId == course.CourseId,
                cancellationToken))
            throw new NotFoundException(course.ToString());
    }

    private IQueryable<SessionEntity> Of(CourseName course) => db.Sessions.Where(s =>
        s.AllianceId == course.Programme.AllianceId && s.AcademicYear == course.Programme.AcademicYear && s.CourseId == course.CourseId);

    private IQueryable<SessionEntity> Find(SessionName name) => Of(name.Course).Where(s => s.SessionId == name.SessionId);

    /// <summary>
    /// An earlier create with the same request id: its session if it is in this course and, for a client-chosen id, has
    /// that id (an assigned id differs on every attempt, so a retry asking for one matches whatever the first was given).
    /// </summary>
    private Task<SessionEntity> EarlierAsync(string earlier, CourseName course, string? sessionId, CancellationToken cancellationToken) =>
        CreateRetries.EarlierAsync(earlier,
            e => sessionId is null ? e.StartsWith($"{course}/sessions/", StringComparison.Ordinal) : e == new SessionName(course, sessionId).ToString(),
            e => GetAsync(CatalogueNames.ParseSession(e, "request_id"), cancellationToken));
}
