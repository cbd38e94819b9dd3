namespace Sia.ServiceKit.Domain;

/// <summary>
/// A local authority's financial year, April to March, named by the year it starts as <see cref="AcademicYear"/> names
/// its years: 2015 is 2015/16, id "2015-16".
/// </summary>
public static class FinancialYear
{
    public const int First = AcademicYear.First, Last = AcademicYear.Last;

    public static string Id(int year) => AcademicYear.Id(year);

    /// <summary>"2015-16": its two years must follow one another, the first from <see cref="First"/> to <see cref="Last"/>.</summary>
    public static bool TryParse(string id, out int year) => AcademicYear.TryParse(id, out year);
}
