using Sia.Contracts.DomainErrors;

namespace Sia.Registry.Domain;

/// <summary>A date as a caller gave it, not yet checked: it may not exist (2023-02-30). <see cref="Validate"/> makes it a DateOnly.</summary>
internal readonly record struct CalendarDate(int Year, int Month, int Day)
{
    public static CalendarDate? From(DateOnly? date) => date is { } d ? new CalendarDate(d.Year, d.Month, d.Day) : null;

    /// <summary>The date, or null when absent; an impossible date is a violation (and null).</summary>
    public static DateOnly? Validate(CalendarDate? date, string field, Violations violations)
    {
        if (date is not { } d) return null;
        if (d.Year is < 1800 or > 2200 || d.Month is < 1 or > 12 || d.Day < 1 || d.Day > DateTime.DaysInMonth(d.Year, d.Month))
        {
            violations.Add(field, $"{d.Year:0000}-{d.Month:00}-{d.Day:00} is not a valid date.");
            return null;
        }
        return d.ToDateOnly();
    }

    /// <summary>The date itself; for a date <see cref="Validate"/> has passed.</summary>
    public DateOnly ToDateOnly() => new(Year, Month, Day);
}
