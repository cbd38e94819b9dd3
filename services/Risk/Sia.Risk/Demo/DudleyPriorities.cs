using Sia.Risk.Domain.Priorities;

namespace Sia.Risk.Demo;

/// <summary>
/// Dudley School Improvement Alliance's three priorities for 2015/16, from its delivery plan (People Services Scrutiny
/// Committee, March 2016), each with the plan's objectives as targets; the numbers and dates are made up.
/// </summary>
internal static class DudleyPriorities
{
    public const string Owner = "alliances/dudley-school-improvement-alliance";
    public const int AcademicYear = 2015;

    public static readonly IReadOnlyList<(string Id, PriorityContent Content)> Three =
    [
        ("leadership-and-governance", Priority("Leadership and management, including governance",
            "To improve the quality of leadership and management so that Ofsted judgements improve consistently across all phases, and of governance so that every governing body is judged good or better.",
            new("Every governing body judged good or better", "Governing bodies judged good or better", null, new(null, "all of them", ""), new(2017, 7, 31)),
            new("Working party drafts the leadership delivery plan", new(2016, 3, 31), MilestoneStatus.InProgress),
            new("Ofsted judgements of leadership and management, by phase", ""))),
        ("pupil-premium-closing-the-gap", Priority("Pupil Premium and closing the gap",
            "To close the gap in attainment between disadvantaged pupils and their peers across Dudley, sharing the borough's good practice.",
            new("Every school reports its Pupil Premium as the regulations require", "Schools publishing a compliant Pupil Premium report", null, new(null, "all schools", ""), new(2016, 12, 31)),
            new("Governors briefed on their Pupil Premium responsibilities", new(2016, 6, 30), MilestoneStatus.NotStarted),
            new("Attainment of disadvantaged pupils against their peers, by key stage", ""))),
        ("mathematics", Priority("Mathematics",
            "To raise standards of achievement in mathematics for all pupils, with good maths teachers and borough-wide training and networks.",
            new("Raise standards of achievement in mathematics for all pupils", "Pupils at the expected standard in KS2 mathematics", new(66, null, "percent"), new(75, null, "percent"), new(2017, 7, 31)),
            new("Maths network meeting termly", new(2016, 4, 30), MilestoneStatus.InProgress),
            new("KS2 and KS4 mathematics results against national", ""))),
    ];

    private static PriorityContent Priority(string title, string description, PriorityTarget target, PriorityMilestone milestone, ImpactMeasure impact) =>
        new(title, description, new PriorityPlan([target], [milestone], [impact]), PriorityState.Active);
}
