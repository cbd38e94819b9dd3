namespace Sia.ServiceKit.Domain;

/// <summary>
/// England and Wales bank holidays from <see cref="First"/> to <see cref="Last"/>, computed from the rules (not a list per
/// year): New Year's Day, Good Friday and Easter Monday (Gregorian Easter), the early May bank holiday (first Monday of
/// May), the spring bank holiday (last Monday of May), the summer bank holiday (last Monday of August), Christmas Day and
/// Boxing Day, each of New Year's Day, Christmas Day and Boxing Day that falls on a weekend having a substitute on the
/// next weekday that is not already a holiday. Days moved or added by proclamation up to 2023 are known exceptions; one
/// proclaimed later must be added to them.
/// </summary>
public static class BankHolidays
{
    public const int First = 1995, Last = 2100;

    /// <summary>Bank holidays moved by proclamation: the rule's date, and the date it was held on instead.</summary>
    private static readonly Dictionary<DateOnly, DateOnly> Moved = new()
    {
        [new(1995, 5, 1)] = new(1995, 5, 8), // VE Day's 50th anniversary
        [new(2002, 5, 27)] = new(2002, 6, 4), // Golden Jubilee
        [new(2012, 5, 28)] = new(2012, 6, 4), // Diamond Jubilee
        [new(2020, 5, 4)] = new(2020, 5, 8), // VE Day's 75th anniversary
        [new(2022, 5, 30)] = new(2022, 6, 2), // Platinum Jubilee
    };

    /// <summary>One-off bank holidays, added to a year's.</summary>
    private static readonly DateOnly[] Added =
    [
        new(1999, 12, 31), // the millennium
        new(2002, 6, 3), // Golden Jubilee
        new(2011, 4, 29), // the royal wedding
        new(2012, 6, 5), // Diamond Jubilee
        new(2022, 6, 3), // Platinum Jubilee
        new(2022, 9, 19), // the State Funeral of Queen Elizabeth II
        new(2023, 5, 8), // the coronation of King Charles III
    ];

    // After Moved and Added, which static initialisation must have set before it computes.
    private static readonly IReadOnlyList<DateOnly>[] ByYear = [.. Enumerable.Range(First, Last - First + 1).Select(Compute)];

    /// <summary>Whether <paramref name="date"/> is a bank holiday; ArgumentOutOfRangeException outside <see cref="First"/>-<see cref="Last"/>.</summary>
    public static bool Is(DateOnly date)
    {
        RequireCovered(date.Year);
        return ByYear[date.Year - First].Contains(date);
    }

    /// <summary>A year's bank holidays in date order.</summary>
    public static IReadOnlyList<DateOnly> In(int year)
    {
        RequireCovered(year);
        return ByYear[year - First];
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static IReadOnlyList<DateOnly> Compute(int year)
    {
        var easter = EasterSunday(year);
        DateOnly[] byRule = [easter.AddDays(-2), easter.AddDays(1), FirstMonday(year, 5), LastMonday(year, 5), LastMonday(year, 8)];
        List<DateOnly> holidays = [.. byRule.Select(d => Moved.GetValueOrDefault(d, d)), .. Added.Where(d => d.Year == year)];
        // A weekend's substitute is the next weekday not already a holiday, taken in date order: Christmas on a Sunday is
        // made up on the 27th (Boxing Day has the Monday); on a Saturday, Christmas on the 27th and Boxing Day on the 28th.
        DateOnly[] fixedDays = [new(year, 1, 1), new(year, 12, 25), new(year, 12, 26)];
        holidays.AddRange(fixedDays.Where(d => !IsWeekend(d)));
        foreach (var weekend in fixedDays.Where(IsWeekend))
        {
            var substitute = weekend.AddDays(1);
            while (IsWeekend(substitute) || holidays.Contains(substitute)) substitute = substitute.AddDays(1);
            holidays.Add(substitute);
        }
        return [.. holidays.Order()];
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private static void RequireCovered(int year)
    {
        if (year is < First or > Last) throw new ArgumentOutOfRangeException(nameof(year), year, $"England and Wales bank holidays are known from {First} to {Last}.");
    }
}
