using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Tests;

/// <summary>Assessment facts for tests: a school assessed in autumn 2015 (York's 2015/16), changed with <c>with</c>.</summary>
internal static class Facts
{
    public static readonly DateOnly AutumnTerm2015 = new(2015, 10, 1);

    public static AssessmentFacts Autumn2015(InspectionFacts? inspection = null, params CriterionJudgement[] judgements) =>
        new(2015, AutumnTerm2015, inspection, judgements, false, IndicatorValues.None);

    public static InspectionFacts Inspection(int overallGrade, DateOnly? date = null, CategoryOfConcern concern = CategoryOfConcern.None) =>
        new("schools/121615/inspections/7", date ?? new DateOnly(2014, 3, 5), InspectionFramework.CommonInspectionFramework2015, overallGrade,
            new Dictionary<string, int> { ["leadership_and_management"] = overallGrade }, new Dictionary<string, ReportCardGrade>(), Safeguarding.Unspecified, concern);

    public static InspectionFacts ReportCard(DateOnly date, Safeguarding safeguarding, params (string Area, ReportCardGrade Grade)[] areas) =>
        new("schools/121615/inspections/9", date, InspectionFramework.ReportCard2025, 0, new Dictionary<string, int>(),
            areas.ToDictionary(a => a.Area, a => a.Grade), safeguarding, CategoryOfConcern.None);

    public static CriterionJudgement Met(string criterion) => new(criterion, CriterionOutcome.Met, "Seen on the autumn visit.");
}
