namespace Sia.ServiceKit.Domain;

/// <summary>Working days in England and Wales: Monday to Friday, bank holidays (<see cref="BankHolidays"/>) excepted.</summary>
public static class WorkingDays
{
    public static bool Is(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays.Is(date);

    /// <summary>
    /// The <paramref name="count"/>th working day before <paramref name="date"/>, counting back from the day before it
    /// (<paramref name="date"/> itself when <paramref name="count"/> is 0): 5 working days before Tuesday 1 September 2026,
    /// after the bank holiday on Monday 31 August, is Monday 24 August.
    /// </summary>
    public static DateOnly Before(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = date;
        for (var left = count; left > 0;)
        {
            day = day.AddDays(-1);
            if (Is(day)) left--;
        }
        return day;
    }
}
