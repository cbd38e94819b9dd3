using Sia.Contracts.Ofsted;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Frameworks;

namespace Sia.Risk.Demo;

/// <summary>
/// Middlesbrough's categorisation of its schools for 2014/15, after its School Effectiveness Strategy as the scrutiny
/// panel's action plan describes it: schools in the lower categories (special measures, requiring improvement) meet the
/// School Standards Monitoring Group, and scrutiny is told when a school faces special measures. The categories' letters
/// and the criteria are made up; the seeds give no more.
/// </summary>
internal static class MiddlesbroughFramework
{
    public const string DisplayName = "Middlesbrough school categorisation 2014/15";

    public static FrameworkDefinition Definition { get; } = new(
        [
            new("leadership_capacity", "Leaders lack the capacity to improve the school without support", "", null),
            new("outcomes_declining", "Pupils' outcomes have declined for two years or more", "", null),
            new("governance_concerns", "Governors do not hold leaders to account", "", null),
        ],
        [
            new("a", "Category A", "Good or better, with the capacity to support others."),
            new("b", "Category B", "Good, with concerns the School Effectiveness Strategy monitors."),
            new("c", "Category C", "Requires improvement: meets the School Standards Monitoring Group."),
            new("d", "Category D", "Special measures, serious weaknesses or inadequate: scrutiny is notified."),
        ],
        "a",
        [
            new("special_measures", "Ofsted placed the school in special measures.",
                [new CategoryOfConcernIn([CategoryOfConcern.SpecialMeasures])], new RuleOutcome("d", false, CausingConcern.SpecialMeasures)),
            new("serious_weaknesses", "Ofsted found the school to have serious weaknesses.",
                [new CategoryOfConcernIn([CategoryOfConcern.SeriousWeaknesses])], new RuleOutcome("d", false, CausingConcern.SeriousWeaknesses)),
            new("inadequate", "The school's latest inspection graded it inadequate.",
                [new OverallGradeIn([4])], new RuleOutcome("d", false, CausingConcern.None)),
            new("requires_improvement", "The school's latest inspection graded it as requiring improvement.",
                [new OverallGradeIn([3])], new RuleOutcome("c", false, CausingConcern.None)),
            new("good_with_concerns", "A good school meeting two or more of the criteria.",
                [new OverallGradeIn([1, 2]), new CriteriaMet(2, [])], new RuleOutcome("b", true, CausingConcern.None)),
        ]);
}
