using Sia.Contracts.DomainErrors;
using Sia.Cpd.Data;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>What the register says of one delegate, for what only those who came may have (evaluations, certificates).</summary>
internal static class Attendance
{
    /// <summary>The delegate, if the booking's register records them as attended; FAILED_PRECONDITION saying why not otherwise.</summary>
    public static BookedDelegate RequireAttended(BookingEntity booking, DelegateName name)
    {
        var booked = BookedDelegate.Read(booking.Delegates).SingleOrDefault(d => d.Id == name.DelegateId)
            ?? throw new NotFoundException(name.ToString());
        if (booking.State is not (BookingState.Attended or BookingState.NoShow))
            throw new PreconditionFailedException(name.ToString(), $"{name.Booking}'s register is not recorded yet: {name.Collection} are for delegates it records as attended.");
        if (booked.Attended != true)
            throw new PreconditionFailedException(name.ToString(), $"{name.Booking}'s register records delegate {name.DelegateId} as absent: {name.Collection} are for delegates who attended.");
        return booked;
    }
}
