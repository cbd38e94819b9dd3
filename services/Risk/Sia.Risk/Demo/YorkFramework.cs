using Sia.Risk.Domain;
using Sia.Risk.Domain.Frameworks;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Demo;

/// <summary>
/// York's risk assessment for 2015/16, from its School Improvement Interim Commissioning Plan: its 13 criteria, categories 1
/// to 4 ("category 3 and 4 schools" are those not yet good), and the rules behind its priorities 1 and 2: every school
/// that requires improvement or is inadequate is prioritised, and a good school is at risk of losing good when the
/// criteria say so.
/// </summary>
internal static class YorkFramework
{
    public const string DisplayName = "York risk assessment 2015/16";

    /// <summary>A good school meeting this many criteria is at risk of losing good.</summary>
    public const int AtRiskCriteria = 3;

    public static FrameworkDefinition Definition { get; } = new(
        [
            Indicator("attainment_below_floor", "Attainment and progress is below floor standards",
                new IndicatorTest("ks2_rwm_level4_pct", IndicatorComparison.BelowThreshold, 65.0, null, 1),
                "Under 65% of pupils reached level 4 in reading, writing and mathematics at key stage 2 (the 2015 primary floor)."),
            Indicator("value_added_below_national", "Value added is significantly below national for the core subjects and/or identified pupil groups",
                new IndicatorTest("value_added_core", IndicatorComparison.BelowNationalByMoreThan, 1.0, null, 1)),
            Indicator("wide_gaps_between_groups", "There are wide gaps in performance between identified pupil groups e.g. gender, pupil premium, SEN etc and their peers",
                new IndicatorTest("rwm_expected_pct_disadvantaged", IndicatorComparison.GapWiderThan, 20.0, "rwm_expected_pct_other", 1)),
            Indicator("wide_gap_english_maths", "There are wide gaps in performance between English and mathematics",
                new IndicatorTest("english_expected_pct", IndicatorComparison.GapWiderThan, 10.0, "maths_expected_pct", 1)),
            Judgement("inconsistent_teaching", "The quality of teaching is inconsistent across phases and/or subjects"),
            Judgement("variation_between_phases", "There are wide variations in performance between phases"),
            Judgement("leadership_concerns", "There are concerns about the quality of leadership (headteacher, senior and/or middle leaders)"),
            Judgement("change_of_context", "There have been significant changes in the context of the school since the previous inspection"),
            Judgement("governance_concerns", "There are concerns about the quality of governance"),
            Judgement("resources_not_used_well", "The school is not using its resources well to improve the quality of education and improve the well being of its pupils"),
            Judgement("behaviour_safety_attendance", "There are concerns about the behaviour, safety and attendance of pupils"),
            Judgement("statutory_duties", "The school is failing to discharge its statutory duties effectively"),
            Judgement("smsc_not_promoted", "The school is failing to promote the social, moral, cultural and spiritual development of its pupils"),
        ],
        [
            new("1", "Category 1", "Good or better, and not at risk."),
            new("2", "Category 2", "Good, at risk of losing good at its next inspection: prioritised for support (priority 2)."),
            new("3", "Category 3", "Requires improvement: prioritised for support to be good within two years (priority 1)."),
            new("4", "Category 4", "Inadequate, or a warning notice: emergency intervention from the Schools Causing Concern Fund."),
        ],
        "1",
        [
            new("special_measures", "Ofsted placed the school in special measures.",
                [new CategoryOfConcernIn([CategoryOfConcern.SpecialMeasures])],
                new RuleOutcome("4", false, CausingConcern.SpecialMeasures)),
            new("serious_weaknesses", "Ofsted found the school to have serious weaknesses.",
                [new CategoryOfConcernIn([CategoryOfConcern.SeriousWeaknesses])],
                new RuleOutcome("4", false, CausingConcern.SeriousWeaknesses)),
            new("inadequate", "The school's latest inspection graded it inadequate.",
                [new OverallGradeIn([4])], new RuleOutcome("4", false, CausingConcern.None)),
            new("warning_notice", "The LA has issued the school a warning notice.",
                [new WarningNoticeIssued()], new RuleOutcome("4", false, CausingConcern.WarningNotice)),
            new("requires_improvement", "The school's latest inspection graded it as requiring improvement (priority 1).",
                [new OverallGradeIn([3])], new RuleOutcome("3", false, CausingConcern.None)),
            new("urgent_improvement", "The school's report card has an area that needs urgent improvement, or safeguarding not met.",
                [new ReportCardAtOrBelow(null, ReportCardGrade.UrgentImprovement)], new RuleOutcome("4", false, CausingConcern.None)),
            new("safeguarding_not_met", "Ofsted found safeguarding not met.",
                [new SafeguardingNotMet()], new RuleOutcome("4", false, CausingConcern.None)),
            new("needs_attention", "The school's report card has an area that needs attention.",
                [new ReportCardAtOrBelow(null, ReportCardGrade.NeedsAttention)], new RuleOutcome("3", false, CausingConcern.None)),
            new("good_at_risk", $"A good school meeting {AtRiskCriteria} or more of the risk criteria is at risk of losing good (priority 2).",
                [new OverallGradeIn([1, 2]), new CriteriaMet(AtRiskCriteria, [])], new RuleOutcome("2", true, CausingConcern.None)),
        ]);

    private static CriterionDefinition Judgement(string id, string title) => new(id, title, "", null);

    private static CriterionDefinition Indicator(string id, string title, IndicatorTest test, string description = "") =>
        new(id, title, description, test);
}
