using System.Globalization;

namespace Sia.Risk.Domain.Assessments;

/// <summary>One imported indicator value: the school's, and the national comparator where there is one.</summary>
internal sealed record IndicatorValue(string Indicator, int AcademicYear, double Value, double? National)
{
    /// <summary>"ks2_rwm_expected_pct 2014/15 = 48.0".</summary>
    public override string ToString() =>
        $"{Indicator} {ServiceKit.Domain.AcademicYear.Label(AcademicYear)} = {Value.ToString("0.0##", CultureInfo.InvariantCulture)}";
}

/// <summary>A school's indicator values.</summary>
internal sealed class IndicatorValues(IEnumerable<IndicatorValue> values)
{
    public static readonly IndicatorValues None = new([]);

    private readonly ILookup<string, IndicatorValue> _byIndicator = values.ToLookup(v => v.Indicator, StringComparer.Ordinal);

    /// <summary>The value of the latest academic year from <paramref name="from"/> to <paramref name="to"/>, or null.</summary>
    public IndicatorValue? Latest(string indicator, int from, int to) =>
        _byIndicator[indicator].Where(v => v.AcademicYear >= from && v.AcademicYear <= to).MaxBy(v => v.AcademicYear);
}
