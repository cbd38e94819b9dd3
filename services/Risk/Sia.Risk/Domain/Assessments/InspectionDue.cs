using Sia.Contracts.Ofsted;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Assessments;

/// <summary>When a school's next inspection is due, and by which rule; no window (Earliest and Latest null) when none applies.</summary>
internal sealed record InspectionDue(DateOnly? Earliest, DateOnly? Latest, string Basis)
{
    /// <summary>Requires improvement, and schools causing concern: re-inspected within 30 months.</summary>
    public const int WithinMonthsWhenNotGood = 30;

    /// <summary>Good schools: a short inspection about every 4 years.</summary>
    public const int AboutEveryYearsWhenGood = 4;

    /// <summary>By law, a good or (since 2020) outstanding school is inspected within 5 school years of its last inspection's.</summary>
    public const int WithinSchoolYears = 5;

    /// <summary>Outstanding schools were exempt from routine inspection until then; those inspected before it, by the end of August 2026.</summary>
    public static readonly DateOnly ExemptionEnded = new(2020, 5, 1);
    public static readonly DateOnly FormerlyExemptBy = new(2026, 8, 31);

    /// <summary>Ofsted's rules for the school's latest inspection, on the assessment date.</summary>
    public static InspectionDue For(InspectionFacts? inspection, DateOnly assessmentDate)
    {
        if (inspection is null) return new(null, null, "no inspection on record");
        var date = inspection.Date;
        var on = $"{date:yyyy-MM-dd}";
        if (inspection.CategoryOfConcern is CategoryOfConcern.SpecialMeasures or CategoryOfConcern.SeriousWeaknesses)
            return NotGood($"{Conditions(inspection)}: monitored, and re-inspected within {WithinMonthsWhenNotGood} months of {on}", date);
        if (inspection.Framework == InspectionFramework.ReportCard2025) return ForReportCard(inspection, date, on);
        var worst = inspection.OverallGrade != 0 ? inspection.OverallGrade : inspection.KeyJudgements.Values.DefaultIfEmpty(0).Max();
        switch (worst)
        {
            case 4:
            case 3:
                return NotGood($"{(worst == 3 ? "requires improvement" : "inadequate")}: re-inspected within {WithinMonthsWhenNotGood} months of {on}", date);
            case 1 when inspection.OverallGrade == 1 && date < ExemptionEnded:
                return assessmentDate < ExemptionEnded
                    ? new(null, null, $"outstanding ({on}): exempt from routine inspection")
                    : new(null, FormerlyExemptBy, $"outstanding ({on}), formerly exempt: inspected by {FormerlyExemptBy:yyyy-MM-dd}");
            case 1 or 2:
                return Good(date, on);
            default:
                return new(null, null, $"latest inspection {inspection} gives no grade to go by");
        }
    }

    private static InspectionDue ForReportCard(InspectionFacts inspection, DateOnly date, string on)
    {
        if (inspection.Safeguarding == Safeguarding.NotMet || inspection.ReportCardAreas.Values.Any(g => g == ReportCardGrade.UrgentImprovement))
            return NotGood($"report card with urgent improvement or safeguarding not met: monitored, and re-inspected within {WithinMonthsWhenNotGood} months of {on}", date);
        if (inspection.ReportCardAreas.Values.Any(g => g == ReportCardGrade.NeedsAttention))
            return NotGood($"report card with an area that needs attention: re-inspected within {WithinMonthsWhenNotGood} months of {on}", date);
        return Good(date, on);
    }

    private static InspectionDue NotGood(string basis, DateOnly date) => new(null, date.AddMonths(WithinMonthsWhenNotGood), basis);

    private static InspectionDue Good(DateOnly date, string on)
    {
        var byLaw = AcademicYear.LastDay(AcademicYear.Of(date) + WithinSchoolYears);
        return new(date.AddYears(AboutEveryYearsWhenGood), byLaw,
            $"good or better ({on}): about every {AboutEveryYearsWhenGood} years, by law within {WithinSchoolYears} school years (by {byLaw:yyyy-MM-dd})");
    }

    private static string Conditions(InspectionFacts inspection) => $"inadequate, {Frameworks.CategoryOfConcernIn.Words(inspection.CategoryOfConcern)}";
}
