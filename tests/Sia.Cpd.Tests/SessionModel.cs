using Grpc.Core;
using State = Sia.Cpd.V1.Booking.Types.State;
using CancelReason = Sia.Cpd.V1.Booking.Types.CancelReason;

namespace Sia.Cpd.Tests;

/// <summary>
/// One session's bookings as the issue states the rules, written as simply as they can be, for the service to be checked
/// against: held and confirmed places never exceed the capacity; a booking that does not fit, or arrives while anyone
/// waits, joins the end of the queue; freed places go to the queue's head while its places fit; a hold lapses after
/// <see cref="HoldTicks"/> ticks, released by the session's next change (the sweep is off). Time moves in ticks.
/// </summary>
internal sealed class SessionModel(int capacity)
{
    /// <summary>A hold lasts 2.5 ticks: it has lapsed by the third tick after it was made, and not by the second.</summary>
    public const double HoldTicks = 2.5;

    private readonly List<ModelBooking> _bookings = [];
    private int _now;
    private bool _cancelled;

    public int Capacity { get; private set; } = capacity;

    /// <summary>Every booking, in the order made.</summary>
    public IReadOnlyList<ModelBooking> Bookings => _bookings;

    private int Taken => _bookings.Where(b => b.State is State.Held or State.Confirmed).Sum(b => b.Places);

    private IEnumerable<ModelBooking> Queue => _bookings.Where(b => b.State == State.WaitingListed).OrderBy(b => b.WaitingPosition);

    public void Tick() => _now++;

    /// <summary>
    /// The new booking; null when it asks for more places than the session has (INVALID_ARGUMENT) or the session is
    /// cancelled (FAILED_PRECONDITION): nothing written.
    /// </summary>
    public ModelBooking? Book(int places, bool hold)
    {
        if (places > Capacity || _cancelled) return null;
        Release();
        var booking = new ModelBooking(places);
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

    public StatusCode Resize(int capacity)
    {
        Release();
        if (_cancelled || capacity < Taken) return StatusCode.FailedPrecondition;
        Capacity = capacity;
        Settle();
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
        foreach (var lapsed in _bookings.Where(b => b.State == State.Held && _now - b.HeldAt >= HoldTicks).ToList()) Cancel(lapsed, CancelReason.Expired);
        Settle();
    }

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

internal sealed class ModelBooking(int places)
{
    public int Places => places;
    public State State { get; set; }
    public CancelReason CancelReason { get; set; }
    public int WaitingPosition { get; set; }
    public int HeldAt { get; set; }

    public override string ToString() => $"{Places} {State} {CancelReason} #{WaitingPosition}";
}
