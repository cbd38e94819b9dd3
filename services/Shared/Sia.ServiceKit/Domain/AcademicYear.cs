using System.Globalization;
using System.Text.RegularExpressions;

namespace Sia.ServiceKit.Domain;

/// <summary>England's academic year, September to August, named by the year it starts: 2015 is 2015/16, id "2015-16".</summary>
public static partial class AcademicYear
{
    public const int First = 2000, Last = 2100;

    public static string Id(int year) => $"{year}-{(year + 1) % 100:00}";

    public static string Label(int year) => $"{year}/{(year + 1) % 100:00}";

    public static int Of(DateOnly date) => date.Month >= 9 ? date.Year : date.Year - 1;

    public static DateOnly FirstDay(int year) => new(year, 9, 1);

    public static DateOnly LastDay(int year) => new(year + 1, 8, 31);

    /// <summary>"2015-16": its two years must follow one another, the first from <see cref="First"/> to <see cref="Last"/>.</summary>
    public static bool TryParse(string id, out int year)
    {
        year = 0;
        var match = IdPattern().Match(id);
        if (!match.Success) return false;
        year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return year is >= First and <= Last && (year + 1) % 100 == int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\A([0-9]{4})-([0-9]{2})\z")]
    private static partial Regex IdPattern();
}
