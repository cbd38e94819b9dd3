namespace Sia.Cpd.Domain.Bookings;

/// <summary>One line of a register: whether the delegate with this id came.</summary>
internal sealed record AttendanceLine(string DelegateId, bool Attended);
