using Sia.ServiceKit.Domain;

namespace Sia.Contracts.Tests;

/// <summary>ServiceKit's working days: weekdays that are not England and Wales bank holidays, and counting back over them.</summary>
public sealed class WorkingDayTests
{
    [Theory]
    [InlineData("2026-08-28", true)] // a Friday
    [InlineData("2026-08-29", false)] // a Saturday
    [InlineData("2026-08-31", false)] // the summer bank holiday
    [InlineData("2026-09-01", true)]
    [InlineData("2022-09-19", false)] // the State Funeral
    public void A_working_day_is_a_weekday_not_a_bank_holiday(string date, bool working) => Assert.Equal(working, WorkingDays.Is(Date(date)));

    [Theory]
    // Over the summer bank holiday: Friday 28, Thursday 27, Wednesday 26, Tuesday 25, Monday 24 August.
    [InlineData("2026-09-01", 5, "2026-08-24")]
    [InlineData("2026-09-01", 1, "2026-08-28")]
    // Over Easter: Maundy Thursday 2 April, then 1 April.
    [InlineData("2026-04-07", 2, "2026-04-01")]
    // Over Christmas and New Year 2026/27: 31, 30, 29 December (the 28th is Boxing Day's substitute).
    [InlineData("2027-01-04", 3, "2026-12-29")]
    // Counting starts the day before, whatever the day is.
    [InlineData("2026-08-31", 1, "2026-08-28")]
    [InlineData("2026-08-30", 0, "2026-08-30")]
    public void Before_counts_back_over_weekends_and_bank_holidays(string date, int count, string expected) =>
        Assert.Equal(Date(expected), WorkingDays.Before(Date(date), count));

    [Fact]
    public void A_negative_count_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.Before(Date("2026-09-01"), -1));

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
