using CsCheck;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.Domain.Frameworks;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Tests;

/// <summary>Random frameworks and the facts of an assessment against them, from small pools of ids so that rules meet the data.</summary>
internal static class RiskGenerators
{
    private static readonly string[] Judgements = ["leadership_and_management", "quality_of_education", "outcomes"];
    private static readonly string[] Areas = ["achievement", "inclusion", "leadership_and_governance"];
    private static readonly string[] Indicators = ["i0", "i1", "i2"];

    private static readonly Gen<IndicatorTest> IndicatorTests =
        from indicator in Gen.OneOf(Indicators)
        from comparison in Gen.OneOf(IndicatorComparison.BelowThreshold, IndicatorComparison.BelowNationalByMoreThan, IndicatorComparison.GapWiderThan)
        from threshold in Gen.Int[0, 20]
        from lookback in Gen.Int[0, 2]
        select new IndicatorTest(indicator, comparison, threshold,
            comparison == IndicatorComparison.GapWiderThan ? Indicators.First(i => i != indicator) : null, lookback);

    private static Gen<CriterionDefinition> Criterion(int index) =>
        Gen.Frequency((3, Gen.Const((IndicatorTest?)null)), (1, IndicatorTests.Select(t => (IndicatorTest?)t)))
            .Select(test => new CriterionDefinition($"c{index}", $"Criterion {index}", "", test));

    private static Gen<Condition> Condition(int criteria) => Gen.OneOf<Condition>(
        Gen.Int[0, 4].Array[1, 3].Select(g => g.Distinct().ToArray()).Select(g => (Condition)new OverallGradeIn(g)),
        Gen.Select(Gen.OneOf(Judgements).Null(), Gen.Int[1, 4].Array[1, 3].Select(g => g.Distinct().ToArray()), (j, g) => (Condition)new KeyJudgementIn(j, g)),
        Gen.Select(Gen.OneOf(Areas).Null(), Gen.Int[1, 5], (a, g) => (Condition)new ReportCardAtOrBelow(a, (ReportCardGrade)g)),
        Gen.Enum<CategoryOfConcern>().Where(c => c != CategoryOfConcern.Unspecified).Array[1, 2].Select(c => c.Distinct().ToArray()).Select(c => (Condition)new CategoryOfConcernIn(c)),
        Gen.Const<Condition>(new SafeguardingNotMet()),
        Gen.Const<Condition>(new NeverInspected()),
        Gen.Int[1, 60].Select(m => (Condition)new InspectedMoreThanMonthsAgo(m)),
        Gen.Select(Gen.Int[1, Math.Max(criteria, 1)], Gen.Int[0, criteria - 1].Array[0, 3],
            (n, ids) => (Condition)new CriteriaMet(Math.Min(n, ids.Length == 0 ? criteria : ids.Distinct().Count()), [.. ids.Distinct().Select(i => $"c{i}")])),
        Gen.Const<Condition>(new WarningNoticeIssued()));

    private static Gen<RuleOutcome> Outcome(int categories) =>
        from category in Gen.Int[-1, categories - 1]
        from atRisk in Gen.Bool
        from concern in Gen.Int[1, 4]
        let outcome = new RuleOutcome(category < 0 ? null : $"k{category}", atRisk, (CausingConcern)concern)
        select outcome.GivesAnything ? outcome : outcome with { AtRisk = true };

    public static readonly Gen<FrameworkDefinition> Frameworks =
        from criteriaCount in Gen.Int[1, 6]
        from categoryCount in Gen.Int[2, 5]
        from criteria in Gen.Int[0, criteriaCount - 1].Select(Criterion).Array[criteriaCount].SelectMany(gens => Sequence(gens))
        from defaultCategory in Gen.Int[0, categoryCount - 1]
        from rules in Gen.Select(Condition(criteriaCount).Array[0, 3], Outcome(categoryCount)).Array[0, 8]
        select new FrameworkDefinition(
            [.. criteria.Select((c, i) => c with { Id = $"c{i}" })],
            [.. Enumerable.Range(0, categoryCount).Select(i => new CategoryDefinition($"k{i}", $"Category {i}", ""))],
            $"k{defaultCategory}",
            [.. rules.Select((r, i) => new RuleDefinition($"r{i}", $"Rule {i}", r.Item1, r.Item2))]);

    public static readonly Gen<InspectionFacts> Inspections =
        from framework in Gen.Enum<InspectionFramework>().Where(f => f != InspectionFramework.Unspecified)
        from daysBefore in Gen.Int[0, 3000]
        from overall in Gen.Int[0, 4]
        from judgements in Gen.Select(Gen.OneOf(Judgements), Gen.Int[1, 4]).Array[0, 3]
        from areas in Gen.Select(Gen.OneOf(Areas), Gen.Int[1, 5]).Array[0, 3]
        from safeguarding in Gen.Enum<Safeguarding>()
        from concern in Gen.Enum<CategoryOfConcern>().Where(c => c != CategoryOfConcern.Unspecified)
        select new InspectionFacts("schools/100000/inspections/1", Facts.AutumnTerm2015.AddDays(-daysBefore), framework, overall,
            judgements.DistinctBy(j => j.Item1).ToDictionary(j => j.Item1, j => j.Item2),
            areas.DistinctBy(a => a.Item1).ToDictionary(a => a.Item1, a => (ReportCardGrade)a.Item2), safeguarding, concern);

    private static readonly Gen<IndicatorValue> IndicatorValuesGen =
        from indicator in Gen.OneOf(Indicators)
        from year in Gen.Int[2012, 2015]
        from value in Gen.Int[0, 100]
        from national in Gen.Int[0, 100].Nullable()
        select new IndicatorValue(indicator, year, value, national);

    /// <summary>A framework, and facts for an assessment against it (judgements of some of its criteria).</summary>
    public static readonly Gen<(FrameworkDefinition Framework, AssessmentFacts Facts)> Assessments =
        from framework in Frameworks
        from inspection in Inspections.Null()
        from outcomes in Gen.OneOf(CriterionOutcome.Met, CriterionOutcome.NotMet, CriterionOutcome.NotAssessed).Array[framework.Criteria.Count]
        from judged in Gen.Bool.Array[framework.Criteria.Count]
        from warning in Gen.Bool
        from indicators in IndicatorValuesGen.Array[0, 8]
        select (framework, new AssessmentFacts(2015, Facts.AutumnTerm2015, inspection,
            [.. framework.Criteria.Select((c, i) => (c, i)).Where(x => judged[x.i]).Select(x => new CriterionJudgement(x.c.Id, outcomes[x.i], "evidence"))],
            warning, new IndicatorValues(indicators.DistinctBy(v => (v.Indicator, v.AcademicYear)))));

    private static Gen<T[]> Sequence<T>(Gen<T>[] gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => Gen.Select(all, next, (a, n) => (T[])[.. a, n]));
}
