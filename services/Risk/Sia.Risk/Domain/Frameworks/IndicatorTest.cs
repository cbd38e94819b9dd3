using System.Globalization;
using Sia.Risk.Domain.Assessments;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Frameworks;

internal enum IndicatorComparison
{
    Unspecified = 0,
    BelowThreshold = 1,
    BelowNationalByMoreThan = 2,
    GapWiderThan = 3,
}

/// <summary>
/// A criterion read from a school's indicators: the value for the assessment's academic year or, with
/// <paramref name="LookbackYears"/>, the latest of that year and the years before it.
/// </summary>
internal sealed record IndicatorTest(string Indicator, IndicatorComparison Comparison, double Threshold, string? OtherIndicator, int LookbackYears)
{
    public const int MaxLookbackYears = 3;

    public CriterionResult Evaluate(string criterion, IndicatorValues values, int academicYear)
    {
        var from = academicYear - LookbackYears;
        var value = values.Latest(Indicator, from, academicYear);
        if (value is null) return NotAssessed(criterion, $"no value of {Indicator} for {Years(from, academicYear)}");
        switch (Comparison)
        {
            case IndicatorComparison.BelowThreshold:
                return Decide(criterion, value.Value < Threshold, $"{value}: {(value.Value < Threshold ? "under" : "not under")} {Number(Threshold)}");
            case IndicatorComparison.BelowNationalByMoreThan:
                if (value.National is not { } national) return NotAssessed(criterion, $"{value}, with no national comparator");
                var below = national - value.Value;
                return Decide(criterion, below > Threshold,
                    $"{value}, national {Number(national)}: {Number(below)} below national, {(below > Threshold ? "more than" : "not more than")} {Number(Threshold)}");
            case IndicatorComparison.GapWiderThan:
                var other = values.Latest(OtherIndicator!, from, academicYear);
                if (other is null) return NotAssessed(criterion, $"{value}, and no value of {OtherIndicator} for {Years(from, academicYear)}");
                var gap = Math.Abs(value.Value - other.Value);
                return Decide(criterion, gap > Threshold,
                    $"{value}, {other}: a gap of {Number(gap)}, {(gap > Threshold ? "wider than" : "not wider than")} {Number(Threshold)}");
            default:
                throw new InvalidOperationException($"Indicator comparison {Comparison} has no test.");
        }
    }

    private static CriterionResult Decide(string criterion, bool met, string basis) =>
        new(criterion, met ? CriterionOutcome.Met : CriterionOutcome.NotMet, basis);

    private static CriterionResult NotAssessed(string criterion, string basis) => new(criterion, CriterionOutcome.NotAssessed, basis);

    private static string Years(int from, int to) => from == to ? AcademicYear.Label(to) : $"{AcademicYear.Label(from)} to {AcademicYear.Label(to)}";

    public static string Number(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
