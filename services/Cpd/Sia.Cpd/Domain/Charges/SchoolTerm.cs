using Sia.ServiceKit.Domain;

namespace Sia.Cpd.Domain.Charges;

/// <summary>The three terms of England's academic year, as fixed date ranges (Easter's moving holiday ignored).</summary>
internal enum Term
{
    /// <summary>1 September to 31 December.</summary>
    Autumn,

    /// <summary>1 January to 31 March.</summary>
    Spring,

    /// <summary>1 April to 31 August.</summary>
    Summer,
}

/// <summary>A term of an academic year, "2015-16-autumn".</summary>
internal readonly record struct SchoolTerm(int AcademicYear, Term Term)
{
    public override string ToString() => $"{ServiceKit.Domain.AcademicYear.Id(AcademicYear)}-{Term.ToString().ToLowerInvariant()}";

    public static SchoolTerm Of(DateOnly date) => new(ServiceKit.Domain.AcademicYear.Of(date), date.Month switch
    {
        >= 9 => Term.Autumn,
        <= 3 => Term.Spring,
        _ => Term.Summer,
    });

    /// <summary>"2015-16-autumn", "2015-16-spring" or "2015-16-summer".</summary>
    public static bool TryParse(string id, out SchoolTerm term)
    {
        term = default;
        var dash = id.LastIndexOf('-');
        if (dash < 0 || !ServiceKit.Domain.AcademicYear.TryParse(id[..dash], out var year)) return false;
        Term? which = id[(dash + 1)..] switch
        {
            "autumn" => Term.Autumn,
            "spring" => Term.Spring,
            "summer" => Term.Summer,
            _ => null,
        };
        if (which is null) return false;
        term = new SchoolTerm(year, which.Value);
        return true;
    }
}
