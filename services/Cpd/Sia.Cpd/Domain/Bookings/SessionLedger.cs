using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;
using Sia.Cpd.Domain.Programmes;
using Sia.Cpd.Domain.Sessions;
using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// A session's live bookings (held, confirmed, waiting, and those with a register), read under the session's row lock,
/// and the state machine over them: HELD → CONFIRMED; HELD, CONFIRMED, WAITING_LISTED → CANCELLED (by the booker, a
/// lapse, or the organiser cancelling the session); WAITING_LISTED → HELD (an offer); who comes on a live booking
/// (substitution); CONFIRMED, ATTENDED, NO_SHOW → ATTENDED or NO_SHOW (the register, from the session's start until it
/// closes). Places taken (held, confirmed, attended, no-show) never exceed the capacity; the queue is served in order,
/// its head first, and nobody new jumps it.
/// Funded places are claimed by every booking not cancelled, waiting ones included (so an offer never needs funding it
/// lacks), and never exceed the session's: a new booking asking for more than remain is refused, and an update may
/// neither lower them below those claimed nor change their fund while any are claimed.
/// Every operation starts by releasing lapsed holds and ends by offering freed places and renumbering the queue.
/// </summary>
internal sealed class SessionLedger(SessionEntity session, List<BookingEntity> live, DateTime now, TimeSpan hold, TimeSpan registerOpen)
{
    public SessionEntity Session => session;

    private int Taken => live.Where(b => b.State is BookingState.Held or BookingState.Confirmed or BookingState.Attended or BookingState.NoShow).Sum(b => b.Places);

    private int FundedClaimed => live.Where(b => b.State != BookingState.Cancelled).Sum(b => b.FundedPlaces);

    private IEnumerable<BookingEntity> Queue => live.Where(b => b.State == BookingState.WaitingListed).OrderBy(b => b.WaitingPosition).ThenBy(b => b.Id);

    /// <summary>Cancels (EXPIRED) holds and offers whose time has come, then offers the freed places.</summary>
    public void ReleaseExpired()
    {
        foreach (var lapsed in live.Where(b => b.State == BookingState.Held && b.HoldExpireTime <= now).ToList()) Cancel(lapsed, CancelReason.Expired);
        Settle();
    }

    /// <summary>
    /// A new booking: held or confirmed if its places fit and nobody waits, else at the end of the queue; FAILED_PRECONDITION
    /// if it asks for more funded places than remain.
    /// </summary>
    public void Place(BookingEntity booking, bool holdOnly, string sessionName)
    {
        var fundedLeft = session.FundedPlaces - FundedClaimed;
        if (booking.FundedPlaces > fundedLeft)
            throw new PreconditionFailedException(sessionName, session.FundedPlaces == 0
                ? $"{sessionName} has no funded places: book with funded_places 0."
                : $"{sessionName} has {fundedLeft} of its {session.FundedPlaces} funded places left; this booking asks for {booking.FundedPlaces}. Ask for at most {fundedLeft}, or for the rest as paid places.");
        if (!Queue.Any() && Taken + booking.Places <= session.Capacity)
        {
            if (holdOnly) Hold(booking);
            else booking.State = BookingState.Confirmed;
        }
        else
        {
            booking.State = BookingState.WaitingListed;
            booking.WaitingPosition = Queue.Count() + 1;
        }
        live.Add(booking);
    }

    public void Confirm(BookingEntity booking, string name)
    {
        if (booking.State != BookingState.Held)
            throw new PreconditionFailedException(name, booking.State == BookingState.Cancelled && booking.CancelReason == CancelReason.Expired
                ? $"{name}'s hold lapsed before it was confirmed; its places have passed on. Book again."
                : $"Only a HELD booking is confirmed; {name} is {Describe(booking.State)}.");
        booking.State = BookingState.Confirmed;
        booking.HoldExpireTime = null;
        booking.UpdateTime = now;
    }

    /// <summary>
    /// The booker cancels: a confirmed booking past the free period records <paramref name="policy"/>'s fee on its paid
    /// places (a fund pays no fees); the freed places are offered, its funded places freed.
    /// </summary>
    public void Cancel(BookingEntity booking, string name, CancellationPolicy policy)
    {
        RequireLive(booking, name);
        var fee = booking.State == BookingState.Confirmed
            ? policy.FeeFor(booking.Places - booking.FundedPlaces, ClockExtensions.DateInEngland(now), ClockExtensions.DateInEngland(session.StartTime))
            : 0;
        Cancel(booking, CancelReason.Cancelled);
        booking.CancellationFeePence = fee;
        Settle();
    }

    /// <summary>
    /// The organiser cancels the session before it ends (FAILED_PRECONDITION after: it took place): every live booking is
    /// cancelled, free of any fee, and it takes no more.
    /// </summary>
    public void CancelSession(string sessionName)
    {
        if (now >= session.EndTime)
            throw new PreconditionFailedException(sessionName, $"{sessionName} ended at {session.EndTime:yyyy-MM-dd HH:mm} UTC: a session that took place is not cancelled.");
        foreach (var booking in live.Where(IsLive).ToList()) Cancel(booking, CancelReason.OrganiserCancelled);
        session.Status = SessionStatus.Cancelled;
    }

    /// <summary>Who comes on a live booking's places, until the session starts (FAILED_PRECONDITION otherwise).</summary>
    public void Substitute(BookingEntity booking, string delegates, string name)
    {
        RequireLive(booking, name);
        if (now >= session.StartTime)
            throw new PreconditionFailedException(name, $"{name}'s session started at {session.StartTime:yyyy-MM-dd HH:mm} UTC: its delegates can no longer change.");
        booking.Delegates = delegates;
        booking.UpdateTime = now;
    }

    /// <summary>
    /// Records which of a CONFIRMED (or already registered) booking's delegates came, replacing any earlier register: the
    /// booking is ATTENDED if one did, NO_SHOW if none. From the session's start until its register closes.
    /// </summary>
    public void RecordAttendance(BookingEntity booking, IReadOnlyList<AttendanceLine> register, string name)
    {
        if (booking.State is not (BookingState.Confirmed or BookingState.Attended or BookingState.NoShow))
            throw new PreconditionFailedException(name, $"Only a CONFIRMED booking has a register; {name} is {Describe(booking.State)}.");
        if (now < session.StartTime)
            throw new PreconditionFailedException(name, $"{name}'s session starts at {session.StartTime:yyyy-MM-dd HH:mm} UTC: record its register once it has started.");
        var closes = session.EndTime + registerOpen;
        if (now > closes)
            throw new PreconditionFailedException(name, $"{name}'s register closed at {closes:yyyy-MM-dd HH:mm} UTC, {registerOpen.Days} days after its session ended; it can no longer be recorded.");
        var delegates = BookedDelegate.Read(booking.Delegates);
        var violations = new Violations();
        BookingRules.ValidateRegister(delegates, register, violations);
        violations.ThrowIfAny();
        var attended = register.ToDictionary(line => line.DelegateId, line => line.Attended, StringComparer.Ordinal);
        booking.Delegates = BookedDelegate.Write(delegates.Select(d => d with { Attended = attended[d.Id] }));
        booking.State = attended.Values.Any(came => came) ? BookingState.Attended : BookingState.NoShow;
        booking.AttendanceRecordTime = now;
        booking.UpdateTime = now;
    }

    /// <summary>
    /// The organiser changes the capacity and funded places: the capacity never below the places held and confirmed, the
    /// funded places never below those claimed nor their fund changed while any are (FAILED_PRECONDITION saying how many);
    /// places a raise frees are offered to the queue.
    /// </summary>
    public void Resize(int capacity, FundedPlaces? funded, string sessionName)
    {
        if (capacity < Taken)
            throw new PreconditionFailedException(sessionName,
                $"{sessionName} has {Taken} places held or confirmed: its capacity cannot go below that. Cancel bookings first, or cancel the session.");
        var fundedPlaces = funded?.Places ?? 0;
        if (fundedPlaces < FundedClaimed)
            throw new PreconditionFailedException(sessionName,
                $"{sessionName}'s bookings claim {FundedClaimed} funded places: its funded places cannot go below that. Cancel bookings first, or cancel the session.");
        if (FundedClaimed > 0 && funded?.Fund.Trim() != session.FundedPlacesFund)
            throw new PreconditionFailedException(sessionName,
                $"{sessionName}'s bookings claim {FundedClaimed} funded places paid by {session.FundedPlacesFund}: their fund cannot change while they do.");
        session.Capacity = capacity;
        session.FundedPlaces = fundedPlaces;
        Settle();
    }

    /// <summary>Offers freed places to the queue's head while its places fit, then numbers the queue 1, 2, ...</summary>
    private void Settle()
    {
        foreach (var waiting in Queue.ToList())
        {
            if (Taken + waiting.Places > session.Capacity) break;
            waiting.WaitingPosition = 0;
            Hold(waiting);
        }
        var position = 0;
        foreach (var waiting in Queue.ToList())
        {
            if (waiting.WaitingPosition != ++position)
            {
                waiting.WaitingPosition = position;
                waiting.UpdateTime = now;
            }
        }
    }

    private void Hold(BookingEntity booking)
    {
        booking.State = BookingState.Held;
        booking.HoldExpireTime = now + hold;
        booking.UpdateTime = now;
    }

    private static bool IsLive(BookingEntity booking) => booking.State is BookingState.Held or BookingState.Confirmed or BookingState.WaitingListed;

    private static void RequireLive(BookingEntity booking, string name)
    {
        if (IsLive(booking)) return;
        throw new PreconditionFailedException(name, booking.State == BookingState.Cancelled
            ? $"{name} is cancelled: it can no longer change. Book again for places."
            : $"{name} is {Describe(booking.State)}: a booking whose register is recorded is not cancelled and its delegates do not change.");
    }

    private void Cancel(BookingEntity booking, CancelReason reason)
    {
        booking.State = BookingState.Cancelled;
        booking.CancelReason = reason;
        booking.HoldExpireTime = null;
        booking.WaitingPosition = 0;
        booking.UpdateTime = now;
    }

    /// <summary>FAILED_PRECONDITION unless the session takes bookings now: open, and its booking deadline not passed.</summary>
    public void RequireTakingBookings(string sessionName)
    {
        if (session.Status != SessionStatus.Open)
            throw new PreconditionFailedException(sessionName, $"{sessionName} is {session.Status.ToString().ToLowerInvariant()}, not open: it takes no bookings.");
        if (now > session.BookingDeadline)
            throw new PreconditionFailedException(sessionName, $"{sessionName}'s booking deadline ({session.BookingDeadline:yyyy-MM-dd HH:mm} UTC) has passed: it takes no bookings.");
    }

    private static string Describe(BookingState state) => state switch
    {
        BookingState.Held => "HELD",
        BookingState.Confirmed => "CONFIRMED",
        BookingState.WaitingListed => "WAITING_LISTED",
        BookingState.Attended => "ATTENDED",
        BookingState.NoShow => "NO_SHOW",
        _ => "CANCELLED",
    };
}
