using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain.Programmes;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Bookings of sessions. Every change runs in one transaction under its session's row lock (<see cref="SessionLocks"/>),
/// so a place is never sold twice; <see cref="SessionLedger"/> decides what each change does.
/// </summary>
internal sealed class Bookings(CpdDbContext db, SessionLocks locks, CreateRequestLog log, TimeProvider clock)
{
    private const string AssignedIdLetters = "abcdefghijklmnopqrstuvwxyz0123456789";

    public async Task<BookingEntity> GetAsync(BookingName name, CancellationToken cancellationToken) =>
        await Find(name).AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());

    /// <summary>The session's start date in England; NOT_FOUND for no such session.</summary>
    public async Task<DateOnly> SessionDayAsync(SessionName session, CancellationToken cancellationToken)
    {
        var start = await db.Sessions.Where(s => s.AllianceId == session.Course.Programme.AllianceId && s.AcademicYear == session.Course.Programme.AcademicYear
                && s.CourseId == session.Course.CourseId && s.SessionId == session.SessionId).Select(s => (DateTime?)s.StartTime).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(session.ToString());
        return ClockExtensions.DateInEngland(start);
    }

    /// <summary>A session's bookings that <paramref name="visible"/> lets the caller see, in create order, after the row a previous page ended with.</summary>
    public async Task<Page<BookingEntity>> ListAsync(SessionName session, long? afterId, int size, Expression<Func<BookingEntity, bool>> visible,
        CancellationToken cancellationToken)
    {
        if (!await db.Sessions.AnyAsync(s => s.AllianceId == session.Course.Programme.AllianceId && s.AcademicYear == session.Course.Programme.AcademicYear
                && s.CourseId == session.Course.CourseId && s.SessionId == session.SessionId, cancellationToken))
            throw new NotFoundException(session.ToString());
        var query = Of(session).AsNoTracking().Where(visible);
        if (afterId is { } after) query = query.Where(b => b.Id > after);
        return await query.OrderBy(b => b.Id).ToPageAsync(size, cancellationToken);
    }

    /// <summary>
    /// Books places on the session for an open <paramref name="school"/>: held (<paramref name="hold"/>) or confirmed if
    /// they fit, else waiting-listed; its funded places claimed (FAILED_PRECONDITION if fewer remain). With a request id,
    /// a retry gets the booking the first attempt made.
    /// </summary>
    public async Task<BookingEntity> CreateAsync(SessionName session, BookingContent content, RegistrySchool school, bool hold, string bookedBy, Guid? requestId,
        CancellationToken cancellationToken)
    {
        var violations = new Violations();
        BookingRules.Validate(content, violations);
        violations.ThrowIfAny();
        var hash = RequestHash(session, content, hold);
        var locked = await locks.LockAsync(session, cancellationToken);
        var (transaction, ledger) = (locked.Transaction, locked.Ledger);
        await using (locked)
        {
            var now = clock.UtcNowForDatabase();
            var perPlace = content.WithSla ? ledger.Session.PriceWithSlaPence : ledger.Session.PriceWithoutSlaPence;
            var booking = new BookingEntity
            {
                AllianceId = session.Course.Programme.AllianceId,
                AcademicYear = session.Course.Programme.AcademicYear,
                CourseId = session.Course.CourseId,
                SessionId = session.SessionId,
                BookingId = $"b-{RandomNumberGenerator.GetString(AssignedIdLetters, 10)}",
                SchoolUrn = school.Urn,
                LocalAuthorityCode = school.LocalAuthorityCode,
                Places = content.Places,
                Delegates = BookedDelegate.Write(content.Delegates.Select(BookedDelegate.Assign)),
                WithSla = content.WithSla,
                PricePence = (content.Places - content.FundedPlaces) * perPlace,
                FundedPlaces = content.FundedPlaces,
                Fund = content.FundedPlaces > 0 ? ledger.Session.FundedPlacesFund : null,
                FundedPence = content.FundedPlaces * perPlace,
                BookedBy = bookedBy,
                RequestHash = requestId is null ? null : hash,
                CreateTime = now,
                UpdateTime = now,
            };
            try
            {
                ledger.RequireTakingBookings(session.ToString());
                BookingRules.RequireWithinCapacity(content.Places, ledger.Session.Capacity);
                ledger.Place(booking, hold, session.ToString());
            }
            catch (DomainException) when (requestId is not null)
            {
                // A retry of a create made before the session stopped taking bookings, or before its funded places ran
                // out (the first attempt's own claim among them), gets that booking.
                if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await EarlierAsync(earlier, hash, cancellationToken);
                throw;
            }
            db.Bookings.Add(booking);
            log.Record(requestId, new BookingName(session, booking.BookingId).ToString());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return booking;
            }
            catch (DbUpdateException error) when (CreateRequestLog.IsDuplicateRequest(error))
            {
                // This request_id was answered before (a retry), or by a concurrent retry that committed first.
                await transaction.RollbackAsync(cancellationToken);
            }
        }
        return await EarlierAsync(await log.WinnerAsync(requestId, cancellationToken), hash, cancellationToken);
    }

    /// <summary>HELD → CONFIRMED; a stale etag is ABORTED; <paramref name="authorize"/> sees the booking first.</summary>
    public Task<BookingEntity> ConfirmAsync(BookingName name, uint? etag, Action<BookingEntity> authorize, CancellationToken cancellationToken) =>
        ChangeAsync(name, etag, authorize, (ledger, booking) =>
        {
            ledger.Confirm(booking, name.ToString());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// HELD, CONFIRMED or WAITING_LISTED → CANCELLED, a confirmed booking past its free period recording the programme's
    /// late fee; freed places are offered to those waiting.
    /// </summary>
    public Task<BookingEntity> CancelAsync(BookingName name, uint? etag, Action<BookingEntity> authorize, CancellationToken cancellationToken) =>
        ChangeAsync(name, etag, authorize,
            async (ledger, booking) => ledger.Cancel(booking, name.ToString(), await PolicyAsync(name.Session.Course.Programme, cancellationToken)), cancellationToken);

    /// <summary>
    /// Changes a live booking's delegates as <paramref name="change"/> says (one per place, as on create) until its session
    /// starts; a stale etag is ABORTED.
    /// </summary>
    public Task<BookingEntity> UpdateAsync(BookingName name, uint? etag, Action<BookingEntity> authorize, Func<BookingContent, BookingContent> change,
        CancellationToken cancellationToken) =>
        ChangeAsync(name, etag, authorize, (ledger, booking) =>
        {
            var content = change(ContentOf(booking));
            var violations = new Violations();
            BookingRules.Validate(content, violations);
            violations.ThrowIfAny();
            ledger.Substitute(booking, BookedDelegate.Write(BookedDelegate.Substitute(BookedDelegate.Read(booking.Delegates), content.Delegates)), name.ToString());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Records the booking's register (<see cref="SessionLedger.RecordAttendance"/>); a stale etag is ABORTED.</summary>
    public Task<BookingEntity> RecordAttendanceAsync(BookingName name, uint? etag, IReadOnlyList<AttendanceLine> register, Action<BookingEntity> authorize,
        CancellationToken cancellationToken) =>
        ChangeAsync(name, etag, authorize, (ledger, booking) =>
        {
            ledger.RecordAttendance(booking, register, name.ToString());
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task<BookingEntity> ChangeAsync(BookingName name, uint? etag, Action<BookingEntity> authorize, Func<SessionLedger, BookingEntity, Task> change,
        CancellationToken cancellationToken)
    {
        var locked = await locks.LockAsync(name.Session, cancellationToken);
        var (transaction, ledger) = (locked.Transaction, locked.Ledger);
        await using (locked)
        {
            // Tracked: a live booking is the ledger's own instance.
            var booking = await Find(name).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
            authorize(booking);
            Etag.ThrowIfStale(etag, booking.Version, name.ToString());
            try
            {
                await change(ledger, booking);
            }
            catch (DomainException)
            {
                // Refused; what locking the session released (lapsed holds, offers) is kept.
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                throw;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return booking;
        }
    }

    private static BookingContent ContentOf(BookingEntity booking) =>
        new(booking.SchoolUrn, booking.Places, JsonSerializer.Deserialize<List<Delegate>>(booking.Delegates) ?? [], booking.WithSla, booking.FundedPlaces);

    private Task<CancellationPolicy> PolicyAsync(ProgrammeName programme, CancellationToken cancellationToken) =>
        db.Programmes.Where(p => p.AllianceId == programme.AllianceId && p.AcademicYear == programme.AcademicYear)
            .Select(p => new CancellationPolicy(p.FreeCancellationWorkingDays, p.LateCancellationFeePence)).SingleAsync(cancellationToken);

    private IQueryable<BookingEntity> Of(SessionName session) => db.Bookings.Where(b => b.AllianceId == session.Course.Programme.AllianceId
        && b.AcademicYear == session.Course.Programme.AcademicYear && b.CourseId == session.Course.CourseId && b.SessionId == session.SessionId);

    private IQueryable<BookingEntity> Find(BookingName name) => Of(name.Session).Where(b => b.BookingId == name.BookingId);

    /// <summary>The booking an earlier create with this request id made, if this request is that one again; INVALID_ARGUMENT naming request_id otherwise.</summary>
    private async Task<BookingEntity> EarlierAsync(string earlier, byte[] hash, CancellationToken cancellationToken)
    {
        var booking = earlier.Contains("/bookings/", StringComparison.Ordinal)
            ? await Find(BookingName.Parse(earlier, "request_id")).AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            : null;
        return await CreateRetries.EarlierAsync(earlier, _ => booking?.RequestHash is { } h && h.AsSpan().SequenceEqual(hash), _ => Task.FromResult(booking!));
    }

    /// <summary>What identifies a create request's content: the session, what it asks for, and whether it holds.</summary>
    private static byte[] RequestHash(SessionName session, BookingContent content, bool hold) =>
        SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { Session = session.ToString(), content.SchoolUrn, content.Places, content.Delegates, content.WithSla, content.FundedPlaces, Hold = hold }));
}
