using Sia.Risk.Domain.Priorities;

namespace Sia.Risk.Demo;

/// <summary>York's six improvement priorities for 2015/16, as its School Improvement Interim Commissioning Plan numbers them.</summary>
internal static class YorkPriorities
{
    public const string Owner = "localAuthorities/816";
    public const int AcademicYear = 2015;

    public static readonly IReadOnlyList<(string Id, PriorityContent Content)> Six =
    [
        ("p1-good-or-better", Plan("Ensuring all schools are good or better",
            "As of March 2015, 7 schools have Ofsted judgements of requiring improvement; each has a support plan and commissioned support through the Ebor Teaching School Alliance.",
            Target("Every RI school moves to good within two years", "Schools judged requires improvement", Count(7, "schools"), Count(0, "schools"), new(2017, 7, 31)),
            new("Support plan written for each RI school", new(2015, 10, 31), MilestoneStatus.InProgress),
            Impact("Impact of commissioned interventions monitored and evaluated by the SICG, reported to the YLP executive board and the Schools Forum"))),
        ("p2-at-risk-schools", Plan("Support for 'At Risk' schools",
            "Schools graded good that the annual risk assessment shows at risk of losing that status are prioritised for commissioned support.",
            Target("At-risk schools are securely good at their next inspection", "At-risk schools judged good at re-inspection", null, Words("all of them"), null),
            new("At-risk schools identified by the annual risk assessment", new(2015, 9, 30), MilestoneStatus.Completed),
            Impact("Reported to the YLP Executive Board, the School Improvement Monitoring Group and the Schools Forum"))),
        ("p3-re-inspection", Plan("Schools due for re-inspection during 2015/16",
            "13 schools are due for re-inspection under the current framework; professional development briefings for heads, senior leaders and governors.",
            Target("Schools due for re-inspection are prepared for it", "Schools due for re-inspection in 2015/16", Count(13, "schools"), Words("all briefed"), new(2016, 7, 31)),
            new("Review after the new inspection framework", new(2015, 9, 30), MilestoneStatus.NotStarted),
            Impact("Briefings commissioned from external consultants (£2,000)"))),
        ("p4-closing-the-gap", Plan("Closing the gap between disadvantaged pupils and their peers",
            "Gaps are widest in literacy, particularly writing; Pupil Premium reviews for at-risk schools with wide gaps likely to be re-inspected.",
            Target("The gap narrows at KS1 and KS4, where it was static or widening in 2014", "Attainment gap, disadvantaged pupils and their peers", Words("static at KS1, wider at KS4"), Words("narrower at every key stage"), null),
            new("Pupil Premium reviews commissioned", null, MilestoneStatus.NotStarted),
            Impact("Key stage results of disadvantaged pupils against their peers, by school and cluster"))),
        ("p5-quality-of-teaching", Plan("Improving the quality of teaching",
            "A city-wide, needs-led CPD programme from Pathfinder Teaching School Alliance.",
            Target("Teaching consistently good or better in all phases and subjects", "KS4 subjects below national in 2014", Count(4, "subjects"), Count(0, "subjects"), null),
            new("City-wide CPD programme published", new(2015, 9, 1), MilestoneStatus.Completed),
            Impact("Quality assurance drop-ins by the LA"))),
        ("p6-leadership", Plan("Succession Planning and improving the quality of leadership",
            "Career and leadership pathways with Ebor and Pathfinder, the NCTL and the city's universities.",
            Target("Leadership development at every stage, from ITT to serving headteachers", "Leadership programmes in place", null, Words("NQT, RQT, middle, senior and headteacher programmes"), null),
            new("Headteacher induction programme running", null, MilestoneStatus.NotStarted),
            Impact("Recruitment and retention of teachers and leaders in York's schools"))),
    ];

    private static PriorityContent Plan(string title, string description, PriorityTarget target, PriorityMilestone milestone, ImpactMeasure impact) =>
        new(title, description, new PriorityPlan([target], [milestone], [impact]), PriorityState.Active);

    private static PriorityTarget Target(string description, string measure, TargetValue? baseline, TargetValue target, DateOnly? due) =>
        new(description, measure, baseline, target, due);

    private static TargetValue Count(long number, string unit) => new(number, null, unit);

    private static TargetValue Words(string text) => new(null, text, "");

    private static ImpactMeasure Impact(string description) => new(description, "");
}
