using Sia.ServiceKit.Domain;

namespace Sia.Contracts.Tests;

/// <summary>ServiceKit's England and Wales bank holidays against gov.uk/bank-holidays' published lists, and the substitute-day rules.</summary>
public sealed class BankHolidayTests
{
    public static TheoryData<int, string[]> Published => new()
    {
        { 2015, ["2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28"] },
        { 2016, ["2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27"] },
        // VE Day's 75th anniversary moved the early May bank holiday to Friday 8 May.
        { 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        // New Year's Day on a Saturday; the Platinum Jubilee (spring bank holiday moved to 2 June, 3 June added); the State Funeral.
        { 2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"] },
        // New Year's Day on a Sunday; the coronation.
        { 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void A_year_has_the_bank_holidays_gov_uk_publishes(int year, string[] published) =>
        Assert.Equal(published.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)), BankHolidays.In(year));

    [Theory]
    // Christmas on a Friday: Boxing Day (Saturday) on Monday 28th.
    [InlineData(2015, "2015-12-28")]
    // Christmas on a Saturday: Christmas on Monday 27th, Boxing Day on Tuesday 28th.
    [InlineData(2021, "2021-12-27", "2021-12-28")]
    [InlineData(2010, "2010-12-27", "2010-12-28")]
    // Christmas on a Sunday: Boxing Day keeps its Monday, Christmas moves to Tuesday 27th.
    [InlineData(2011, "2011-12-26", "2011-12-27")]
    [InlineData(2033, "2033-12-26", "2033-12-27")]
    public void Christmas_and_boxing_day_on_a_weekend_are_held_on_the_next_weekdays_not_already_holidays(int year, params string[] afterChristmasDay)
    {
        var christmas = new DateOnly(year, 12, 25);
        var expected = afterChristmasDay.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, BankHolidays.In(year).Where(d => d > christmas));
        Assert.Equal(christmas.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), BankHolidays.Is(christmas));
    }

    [Theory]
    [InlineData(2000, "2000-01-03")] // a Saturday
    [InlineData(2011, "2011-01-03")]
    [InlineData(2017, "2017-01-02")] // a Sunday
    [InlineData(2028, "2028-01-03")]
    [InlineData(2026, "2026-01-01")] // a Thursday
    public void New_years_day_on_a_weekend_is_held_on_the_monday(int year, string held) =>
        Assert.Equal(DateOnly.Parse(held, System.Globalization.CultureInfo.InvariantCulture), BankHolidays.In(year)[0]);

    [Fact]
    public void The_one_off_days_are_holidays()
    {
        DateOnly[] oneOff = [new(1999, 12, 31), new(2002, 6, 3), new(2011, 4, 29), new(2012, 6, 5), new(2022, 6, 3), new(2022, 9, 19), new(2023, 5, 8)];
        Assert.All(oneOff, d => Assert.True(BankHolidays.Is(d), $"{d:yyyy-MM-dd}"));
        // The spring bank holidays the jubilees moved, and VE Day's early May ones, are off their rule's Monday.
        Assert.All([new DateOnly(2002, 5, 27), new(2012, 5, 28), new(2022, 5, 30), new(1995, 5, 1), new(2020, 5, 4)], d => Assert.False(BankHolidays.Is(d), $"{d:yyyy-MM-dd}"));
        Assert.All([new DateOnly(2002, 6, 4), new(2012, 6, 4), new(2022, 6, 2), new(1995, 5, 8), new(2020, 5, 8)], d => Assert.True(BankHolidays.Is(d), $"{d:yyyy-MM-dd}"));
    }

    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")] // the earliest in the range
    [InlineData(2038, "2038-04-25")] // the latest possible
    [InlineData(2049, "2049-04-18")]
    [InlineData(2100, "2100-03-28")]
    public void Easter_is_the_gregorian_one(int year, string sunday) =>
        Assert.Equal(DateOnly.Parse(sunday, System.Globalization.CultureInfo.InvariantCulture), BankHolidays.EasterSunday(year));

    [Fact]
    public void Every_year_has_its_eight_rule_days_each_on_a_weekday()
    {
        for (var year = BankHolidays.First; year <= BankHolidays.Last; year++)
        {
            var holidays = BankHolidays.In(year);
            var easter = BankHolidays.EasterSunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
            Assert.InRange(holidays.Count, 8, 10);
            Assert.Equal(holidays.Count, holidays.Distinct().Count());
            Assert.All(holidays, d => Assert.True(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{d:yyyy-MM-dd}"));
        }
    }

    [Fact]
    public void Years_outside_the_calendar_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BankHolidays.In(BankHolidays.First - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BankHolidays.Is(new DateOnly(BankHolidays.Last + 1, 1, 1)));
    }
}
