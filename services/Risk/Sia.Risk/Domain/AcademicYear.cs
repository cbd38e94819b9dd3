namespace Sia.Risk.Domain;

/// <summary>England's academic year, September to August, named by the year it starts: 2015 is 2015/16.</summary>
internal static class AcademicYear
{
    public static string Label(int year) => $"{year}/{(year + 1) % 100:00}";

    /// <summary>The id form, "2015-16".</summary>
    public static string Id(int year) => $"{year}-{(year + 1) % 100:00}";

    public static int Of(DateOnly date) => date.Month >= 9 ? date.Year : date.Year - 1;

    public static DateOnly LastDay(int year) => new(year + 1, 8, 31);
}
