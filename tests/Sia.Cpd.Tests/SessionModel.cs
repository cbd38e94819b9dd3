using Grpc.Core;
using State = Sia.Cpd.V1.Booking.Types.State;
using CancelReason = Sia.Cpd.V1.Booking.Types.CancelReason;

namespace Sia.Cpd.Tests;

/// <summary>
/// One session's bookings as the issue states the rules, written as simply as they can be, for the service to be checked
/// against: held and confirmed places never exceed the capacity; a booking that does not fit, or arrives while anyone
/// waits, joins the end of the queue; freed places go to the queue's head while its places fit; a hold lapses after
/// <see cref="HoldTicks"/> ticks, released by the session's next change (the sweep is off). Funded places are claimed
/// by every booking not cancelled (waiting ones too) and never exceed the session's: a booking asking for more than
/// remain is refused, and so is lowering them below those claimed. Time moves in ticks.
/// </summary>
internal sealed class SessionModel(int capacity, int fundedPlaces)
{
    /// <summary>A hold lasts 2.5 ticks: it has lapsed by the third tick after it was made, and not by the second.</summary>
    public const double HoldTicks = 2.5;

    private readonly List<ModelBooking> _bookings = [];
    private int _now;
    private bool _cancelled;

    public int Capacity { get; private set; } = capacity;

    public int FundedPlaces { get; private set; } = fundedPlaces;

    /// <summary>Every booking, in the order made.</summary>
    public IReadOnlyList<ModelBooking> Bookings => _bookings;

    private int Taken => _bookings.Where(b => b.State is State.Held or State.Confirmed).Sum(b => b.Places);

    private int FundedClaimed => _bookings.Where(b => b.State != State.Cancelled).Sum(b => b.FundedPlaces);

    private IEnumerable<ModelBooking> Queue => _bookings.Where(b => b.State == State.WaitingListed).OrderBy(b => b.WaitingPosition);

    public void Tick() => _now++;

    /// <summary>
    /// The new booking; null when it asks for more places than the session has (INVALID_ARGUMENT), the session is
    /// cancelled, or it asks for more funded places than remain once lapsed holds are released (FAILED_PRECONDITION):
    /// nothing written, not even the release.
    /// </summary>
    public ModelBooking? Book(int places, int funded, bool hold)
    {
        if (places > Capacity || _cancelled) return null;
        var claimedOnceReleased = _bookings.Where(b => b.State != State.Cancelled && !HasLapsed(b)).Sum(b => b.FundedPlaces);
        if (funded > FundedPlaces - claimedOnceReleased) return null;
        Release();
        var booking = new ModelBooking(places, funded);
        if (!Queue.Any() && Taken + places <= Capacity)
        {
            if (hold) Hold(booking);
            else booking.State = State.Confirmed;
        }
        else
        {
            booking.State = State.WaitingListed;
            booking.WaitingPosition = Queue.Count() + 1;
        }
        _bookings.Add(booking);
        return booking;
    }

    /// <summary>The status the service answers with: OK, or the refusal.</summary>
    public StatusCode Confirm(ModelBooking booking)
    {
        Release();
        if (booking.State != State.Held) return StatusCode.FailedPrecondition;
        booking.State = State.Confirmed;
        return StatusCode.OK;
    }

    public StatusCode Cancel(ModelBooking booking)
    {
        Release();
        if (booking.State == State.Cancelled) return StatusCode.FailedPrecondition;
        Cancel(booking, CancelReason.Cancelled);
        Settle();
        return StatusCode.OK;
    }

    /// <summary>The capacity changes: never below the funded places (INVALID_ARGUMENT) nor the places taken.</summary>
    public StatusCode Resize(int capacity)
    {
        Release();
        if (_cancelled) return StatusCode.FailedPrecondition;
        if (capacity < FundedPlaces) return StatusCode.InvalidArgument;
        if (capacity < Taken) return StatusCode.FailedPrecondition;
        Capacity = capacity;
        Settle();
        return StatusCode.OK;
    }

    /// <summary>The funded places change (0: none): at most the capacity (INVALID_ARGUMENT), never below those claimed.</summary>
    public StatusCode ChangeFundedPlaces(int places)
    {
        Release();
        if (_cancelled) return StatusCode.FailedPrecondition;
        if (places > Capacity) return StatusCode.InvalidArgument;
        if (places < FundedClaimed) return StatusCode.FailedPrecondition;
        FundedPlaces = places;
        return StatusCode.OK;
    }

    /// <summary>The organiser cancels the session: every live booking is cancelled with it, fee-free.</summary>
    public StatusCode CancelSession()
    {
        Release();
        if (_cancelled) return StatusCode.FailedPrecondition;
        _cancelled = true;
        foreach (var live in _bookings.Where(b => b.State != State.Cancelled)) Cancel(live, CancelReason.OrganiserCancelled);
        return StatusCode.OK;
    }

    private void Release()
    {
        foreach (var lapsed in _bookings.Where(HasLapsed).ToList()) Cancel(lapsed, CancelReason.Expired);
        Settle();
    }

    private bool HasLapsed(ModelBooking booking) => booking.State == State.Held && _now - booking.HeldAt >= HoldTicks;

    private void Settle()
    {
        foreach (var waiting in Queue.ToList())
        {
            if (Taken + waiting.Places > Capacity) break;
            waiting.WaitingPosition = 0;
            Hold(waiting);
        }
        var position = 0;
        foreach (var waiting in Queue.ToList()) waiting.WaitingPosition = ++position;
    }

    private void Hold(ModelBooking booking)
    {
        booking.State = State.Held;
        booking.HeldAt = _now;
    }

    private static void Cancel(ModelBooking booking, CancelReason reason)
    {
        booking.State = State.Cancelled;
        booking.CancelReason = reason;
        booking.WaitingPosition = 0;
    }
}

internal sealed class ModelBooking(int places, int fundedPlaces)
{
    public int Places => places;
    public int FundedPlaces => fundedPlaces;
    public State State { get; set; }
    public CancelReason CancelReason { get; set; }
    public int WaitingPosition { get; set; }
    public int HeldAt { get; set; }

    public override string ToString() => $"{Places} ({FundedPlaces} funded) {State} {CancelReason} #{WaitingPosition}";
}
