using Sia.Contracts.DomainErrors;
using Sia.Contracts.Ofsted;

namespace Sia.Registry.Domain;

/// <summary>What each Ofsted framework's inspection looks like: which judgements or areas it grades, and how.</summary>
internal static class InspectionRules
{
    private static readonly HashSet<string> Cif2015Judgements =
        ["leadership_and_management", "teaching_learning_and_assessment", "personal_development_behaviour_and_welfare", "outcomes", "early_years", "sixteen_to_nineteen"];

    private static readonly HashSet<string> Eif2019Judgements =
        ["quality_of_education", "behaviour_and_attitudes", "personal_development", "leadership_and_management", "early_years", "sixth_form"];

    private static readonly HashSet<string> ReportCardAreas =
        ["inclusion", "curriculum_and_teaching", "achievement", "attendance_and_behaviour", "personal_development_and_wellbeing", "leadership_and_governance", "early_years", "sixth_form"];

    /// <summary>Ofsted stopped giving overall grades from September 2024; report cards began in November 2025.</summary>
    private static readonly DateOnly NoOverallGradeFrom = new(2024, 9, 1);
    private static readonly DateOnly ReportCardsFrom = new(2025, 11, 1);

    public static void Validate(InspectionReport inspection, DateOnly today, Violations violations)
    {
        var before = violations.Items.Count;
        var date = CalendarDate.Validate(inspection.InspectionDate, "inspection.inspection_date", violations);
        if (date is null && violations.Items.Count == before) violations.Add("inspection.inspection_date", "An inspection needs its date.");
        else if (date > today) violations.Add("inspection.inspection_date", $"{date:yyyy-MM-dd} is in the future.");

        switch (inspection.Framework)
        {
            case InspectionFramework.CommonInspectionFramework2015:
                ValidateGraded(inspection, Cif2015Judgements, requiresOverallGrade: true, violations);
                break;
            case InspectionFramework.EducationInspectionFramework2019:
                ValidateGraded(inspection, Eif2019Judgements, requiresOverallGrade: date < NoOverallGradeFrom, violations);
                break;
            case InspectionFramework.ReportCard2025:
                ValidateReportCard(inspection, violations);
                if (date < ReportCardsFrom) violations.Add("inspection.inspection_date", $"Report cards began in November 2025; {date:yyyy-MM-dd} is earlier.");
                break;
            default:
                violations.Add("inspection.framework", "Name the inspection's framework: CIF 2015, EIF 2019 or the 2025 report card.");
                break;
        }
        if (TextLimits.Check(inspection.ReportUrl, TextLimits.Url, "inspection.report_url", violations)
            && inspection.ReportUrl.Length > 0 && !Uri.TryCreate(inspection.ReportUrl, UriKind.Absolute, out _))
            violations.Add("inspection.report_url", $"{TextChecks.Quote(inspection.ReportUrl)} is not an absolute URL.");
    }

    private static void ValidateGraded(InspectionReport inspection, HashSet<string> judgements, bool requiresOverallGrade, Violations violations)
    {
        if (requiresOverallGrade && inspection.OverallGrade is < 1 or > 4)
            violations.Add("inspection.overall_grade", "This framework gives an overall grade from 1 (Outstanding) to 4 (Inadequate).");
        if (!requiresOverallGrade && inspection.OverallGrade is < 0 or > 4)
            violations.Add("inspection.overall_grade", $"{inspection.OverallGrade} is not an overall grade (1-4, or 0 for none).");
        foreach (var (name, grade) in Bounded(inspection.KeyJudgements, judgements, "inspection.key_judgements", violations))
        {
            if (!judgements.Contains(name))
                violations.Add($"inspection.key_judgements[{name}]", $"'{name}' is not a judgement of this framework; its judgements are {string.Join(", ", judgements)}.");
            else if (grade is < 1 or > 4)
                violations.Add($"inspection.key_judgements[{name}]", $"{grade} is not a grade (1-4).");
        }
        if (inspection.ReportCardAreas.Count > 0) violations.Add("inspection.report_card_areas", "Only 2025 report cards grade report card areas.");
        if (inspection.Safeguarding != Safeguarding.Unspecified) violations.Add("inspection.safeguarding", "Only 2025 report cards say whether safeguarding is met.");
        var inCategory = inspection.CategoryOfConcern is CategoryOfConcern.SeriousWeaknesses or CategoryOfConcern.SpecialMeasures;
        if (inCategory && inspection.OverallGrade is not (4 or 0))
            violations.Add("inspection.category_of_concern", "Only an inadequate (grade 4) school is placed in serious weaknesses or special measures.");
    }

    private static void ValidateReportCard(InspectionReport inspection, Violations violations)
    {
        if (inspection.OverallGrade != 0) violations.Add("inspection.overall_grade", "Report cards give no overall grade.");
        if (inspection.KeyJudgements.Count > 0) violations.Add("inspection.key_judgements", "Report cards grade areas (report_card_areas), not key judgements.");
        if (inspection.ReportCardAreas.Count == 0) violations.Add("inspection.report_card_areas", "A report card grades at least one area.");
        foreach (var (area, grade) in Bounded(inspection.ReportCardAreas, ReportCardAreas, "inspection.report_card_areas", violations))
        {
            if (!ReportCardAreas.Contains(area))
                violations.Add($"inspection.report_card_areas[{area}]", $"'{area}' is not a report card area; the areas are {string.Join(", ", ReportCardAreas)}.");
            else if (grade == ReportCardGrade.Unspecified)
                violations.Add($"inspection.report_card_areas[{area}]", "Each area needs a grade, from exceptional to urgent improvement.");
        }
        if (inspection.Safeguarding == Safeguarding.Unspecified) violations.Add("inspection.safeguarding", "A report card says whether safeguarding is met or not met.");
    }

    /// <summary>
    /// The grades to check one by one: none when there are more than the framework has names for, and none whose name is
    /// over the length of a name (each is a violation instead), so that a refusal stays the size of a framework.
    /// </summary>
    private static IEnumerable<(string Name, TGrade Grade)> Bounded<TGrade>(IReadOnlyList<(string, TGrade)> grades, HashSet<string> names, string field,
        Violations violations)
    {
        if (grades.Count > names.Count)
        {
            violations.Add(field, $"At most {names.Count}, one for each of {string.Join(", ", names)}; this inspection has {grades.Count}.");
            return [];
        }
        return [.. grades.Where(grade => TextLimits.Check(grade.Item1, TextLimits.GradedArea, field, violations))];
    }
}
