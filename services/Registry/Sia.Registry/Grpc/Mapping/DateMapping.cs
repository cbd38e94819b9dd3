using Sia.Registry.Domain;

namespace Sia.Registry.Grpc.Mapping;

/// <summary>Between google.type.Date, where all zeros means no date, and the domain's dates.</summary>
internal static class DateMapping
{
    public static Google.Type.Date? ToDate(DateOnly? date) =>
        date is { } d ? new Google.Type.Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    /// <summary>The date as given, still to be checked (it may not exist); null when absent.</summary>
    public static CalendarDate? ToCalendarDate(this Google.Type.Date? date) =>
        date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0) ? null : new CalendarDate(date.Year, date.Month, date.Day);
}
