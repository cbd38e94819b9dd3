using Sia.Risk.Domain.Assessments;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Domain.Frameworks;

/// <summary>Whether a condition held, and the data it read, in words an officer can repeat to a headteacher.</summary>
internal sealed record ConditionResult(bool Holds, string Fact);

/// <summary>What a condition reads: the assessment's facts, and the outcome of every criterion.</summary>
internal sealed record ConditionContext(AssessmentFacts Facts, IReadOnlyDictionary<string, CriterionResult> Criteria)
{
    public InspectionFacts? Inspection => Facts.LatestInspection;

    public string NoInspection => $"no inspection on record on or before {Facts.AssessmentDate:yyyy-MM-dd}";
}

/// <summary>A test in a rule, on the school's latest inspection, the assessment's own facts, or the criteria.</summary>
internal abstract record Condition
{
    public abstract ConditionResult Evaluate(ConditionContext context);

    protected static string List<T>(IEnumerable<T> values) => string.Join(", ", values);
}

/// <summary>The latest inspection's overall grade is one of these (0 for an inspection that gives none).</summary>
internal sealed record OverallGradeIn(IReadOnlyList<int> Grades) : Condition
{
    public override ConditionResult Evaluate(ConditionContext context) => context.Inspection is { } inspection
        ? new(Grades.Contains(inspection.OverallGrade), $"latest inspection {inspection}: overall grade {inspection.OverallGrade}, {(Grades.Contains(inspection.OverallGrade) ? "one of" : "not one of")} {List(Grades.Order())}")
        : new(false, context.NoInspection);
}

/// <summary>A key judgement (the named one, or any when null) is graded one of these.</summary>
internal sealed record KeyJudgementIn(string? Judgement, IReadOnlyList<int> Grades) : Condition
{
    public override ConditionResult Evaluate(ConditionContext context)
    {
        if (context.Inspection is not { } inspection) return new(false, context.NoInspection);
        var read = inspection.KeyJudgements.Where(j => Judgement is null || j.Key == Judgement).OrderBy(j => j.Key, StringComparer.Ordinal).ToList();
        var matching = read.Where(j => Grades.Contains(j.Value)).ToList();
        var what = Judgement ?? "any key judgement";
        if (read.Count == 0) return new(false, $"latest inspection {inspection}: no {what} graded");
        var grades = List(read.Select(j => $"{j.Key} {j.Value}"));
        return new(matching.Count > 0, $"latest inspection {inspection}: {grades}; {(matching.Count > 0 ? "" : "none ")}graded one of {List(Grades.Order())}");
    }
}

/// <summary>A report card area (the named one, or any when null) is graded at least as badly as this.</summary>
internal sealed record ReportCardAtOrBelow(string? Area, ReportCardGrade Grade) : Condition
{
    public override ConditionResult Evaluate(ConditionContext context)
    {
        if (context.Inspection is not { } inspection) return new(false, context.NoInspection);
        var read = inspection.ReportCardAreas.Where(a => Area is null || a.Key == Area).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var what = Area ?? "any report card area";
        if (read.Count == 0) return new(false, $"latest inspection {inspection}: no {what} graded");
        var holds = read.Any(a => a.Value >= Grade);
        return new(holds, $"latest inspection {inspection}: {List(read.Select(a => $"{a.Key} {Words(a.Value)}"))}; {(holds ? "" : "none ")}{Words(Grade)} or worse");
    }

    public static string Words(ReportCardGrade grade) => grade switch
    {
        ReportCardGrade.Exceptional => "exceptional",
        ReportCardGrade.StrongStandard => "strong standard",
        ReportCardGrade.ExpectedStandard => "expected standard",
        ReportCardGrade.NeedsAttention => "needs attention",
        ReportCardGrade.UrgentImprovement => "urgent improvement",
        _ => "ungraded",
    };
}

/// <summary>The latest inspection put the school in one of these categories of concern.</summary>
internal sealed record CategoryOfConcernIn(IReadOnlyList<CategoryOfConcern> Categories) : Condition
{
    public override ConditionResult Evaluate(ConditionContext context)
    {
        if (context.Inspection is not { } inspection) return new(false, context.NoInspection);
        var holds = Categories.Contains(inspection.CategoryOfConcern);
        return new(holds, $"latest inspection {inspection}: {Words(inspection.CategoryOfConcern)}");
    }

    public static string Words(CategoryOfConcern category) => category switch
    {
        CategoryOfConcern.SeriousWeaknesses => "serious weaknesses",
        CategoryOfConcern.SpecialMeasures => "special measures",
        _ => "no category of concern",
    };
}

/// <summary>The latest inspection found safeguarding not met.</summary>
internal sealed record SafeguardingNotMet : Condition
{
    public override ConditionResult Evaluate(ConditionContext context) => context.Inspection is { } inspection
        ? new(inspection.Safeguarding == Safeguarding.NotMet,
            $"latest inspection {inspection}: safeguarding {inspection.Safeguarding switch { Safeguarding.NotMet => "not met", Safeguarding.Met => "met", _ => "not judged" }}")
        : new(false, context.NoInspection);
}

/// <summary>The school has no inspection on record on or before the assessment date.</summary>
internal sealed record NeverInspected : Condition
{
    public override ConditionResult Evaluate(ConditionContext context) => context.Inspection is { } inspection
        ? new(false, $"latest inspection {inspection}")
        : new(true, context.NoInspection);
}

/// <summary>The latest inspection was more than this many months before the assessment date.</summary>
internal sealed record InspectedMoreThanMonthsAgo(int Months) : Condition
{
    public override ConditionResult Evaluate(ConditionContext context)
    {
        if (context.Inspection is not { } inspection) return new(false, context.NoInspection);
        var holds = inspection.Date.AddMonths(Months) < context.Facts.AssessmentDate;
        return new(holds, $"latest inspection {inspection}: {(holds ? "more" : "not more")} than {Months} months before {context.Facts.AssessmentDate:yyyy-MM-dd}");
    }
}

/// <summary>At least this many of these criteria (any of the framework's when empty) are met.</summary>
internal sealed record CriteriaMet(int AtLeast, IReadOnlyList<string> Criteria) : Condition
{
    public override ConditionResult Evaluate(ConditionContext context)
    {
        var considered = Criteria.Count == 0 ? context.Criteria.Keys.ToList() : Criteria;
        var met = considered.Where(id => context.Criteria.TryGetValue(id, out var result) && result.Outcome == CriterionOutcome.Met).ToList();
        var of = Criteria.Count == 0 ? "the framework's criteria" : List(Criteria);
        var which = met.Count == 0 ? "none" : List(met);
        return new(met.Count >= AtLeast, $"{met.Count} of {of} met ({which}); at least {AtLeast} needed");
    }
}

/// <summary>The assessment records that the LA has issued the school a warning notice.</summary>
internal sealed record WarningNoticeIssued : Condition
{
    public override ConditionResult Evaluate(ConditionContext context) =>
        new(context.Facts.WarningNoticeIssued, context.Facts.WarningNoticeIssued ? "the LA has issued a warning notice" : "no warning notice issued");
}
