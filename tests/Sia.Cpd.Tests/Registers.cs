using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;

namespace Sia.Cpd.Tests;

/// <summary>Sessions that take place: booked while open, then the service's clock moved past them and their registers recorded.</summary>
internal static class Registers
{
    /// <summary>A session ten days from the service's now (booking closing in three).</summary>
    public static Task<Session> SoonSessionAsync(CpdStack stack, int capacity = 10) => NewSessionAsync(stack, capacity, daysAhead: 10);

    /// <summary>Moves the service's clock eleven days on: a <see cref="SoonSessionAsync"/> session has ended, and its register is open.</summary>
    public static void PassSoonSession(CpdStack stack) => stack.Clock.Advance(TimeSpan.FromDays(11));

    /// <summary>The booking's register: its delegates in order, attended as given.</summary>
    public static RecordAttendanceRequest Register(Booking booking, params bool[] attended)
    {
        var request = new RecordAttendanceRequest { Name = booking.Name, Etag = booking.Etag };
        for (var i = 0; i < attended.Length; i++)
            request.Attendance.Add(new RecordAttendanceRequest.Types.AttendanceLine { DelegateId = booking.Delegates[i].Id, Attended = attended[i] });
        return request;
    }
}
