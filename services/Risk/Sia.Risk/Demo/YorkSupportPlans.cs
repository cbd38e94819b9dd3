using Sia.Risk.Domain.SupportPlans;

namespace Sia.Risk.Demo;

/// <summary>
/// Support plans for 2015/16 for York's seven schools requiring improvement, commissioned from Ebor Teaching School
/// Alliance as York's plan says (a partner headteacher, NLE or LLE deployed at about £10,000 a term), some with a
/// governance review, SLE support from Pathfinder or a Pupil Premium review; the details are made up.
/// </summary>
internal static class YorkSupportPlans
{
    public const int AcademicYear = 2015;
    private const string Ebor = "alliances/ebor", Pathfinder = "alliances/pathfinder";
    private const long TermOfDeployment = 10_000_00;

    public static readonly IReadOnlyList<(int Urn, SupportPlanContent Content)> Plans =
    [
        (990001, Plan("Key stage 1 teaching to be consistently good.", Deployment("LLE deployed one day a week to coach KS1 teachers."),
            Extra(InterventionKind.SleSupport, Pathfinder, "SLE support for early reading and phonics.", 2_400_00))),
        (990003, Plan("Sixth form outcomes to match those at key stage 4.", Deployment("NLE partner headteacher working with the head of sixth form."))),
        (990004, Plan("Middle leaders in English and mathematics to lead improvement.", Deployment("Partner headteacher mentoring new middle leaders."),
            Extra(InterventionKind.TargetedCpd, Pathfinder, "Middle leadership programme places.", 1_200_00))),
        (990006, Plan("Governors to hold leaders to account for Pupil Premium spending.", Deployment("LLE supporting the headteacher."),
            Extra(InterventionKind.GovernanceReview, Ebor, "External review of governance by an NLG.", 1_500_00),
            Extra(InterventionKind.PupilPremiumReview, Ebor, "Pupil Premium review.", 950_00))),
        (990008, Plan("Attendance at or above the city's average.", Deployment("Partner headteacher on attendance and behaviour."))),
        (990009, Plan("Pupil Premium to narrow the gap for disadvantaged pupils.", Deployment("NLE partner headteacher."),
            Extra(InterventionKind.PupilPremiumReview, Ebor, "Pupil Premium review.", 950_00))),
        (990011, Plan("A senior leadership team securely in place and effective.", Deployment("LLE supporting the restructured senior team."))),
    ];

    private static SupportPlanContent Plan(string outcome, Intervention deployment, params Intervention[] more) => new(
        "Requires improvement (Ofsted): priority 1, to be good within two years.",
        [deployment, .. more],
        [outcome, "Judged good at the next inspection."],
        [
            new("Support plan agreed with the headteacher and chair of governors", new(2015, 10, 16), MilestoneStatus.Done),
            new("Mid-year review with the School Improvement Commissioning Group", new(2016, 2, 12), MilestoneStatus.OnTrack),
        ],
        [new(Term.Autumn, new(2015, 12, 11), Rag.Amber, "Deployment started in October; early signs of improvement, not yet secure.")]);

    /// <summary>An Ebor partner headteacher, NLE or LLE, for the three terms of the year.</summary>
    private static Intervention Deployment(string description) =>
        new(InterventionKind.PartnerHeadteacher, Ebor, description, new(2015, 9, 1), new(2016, 7, 22), 3 * TermOfDeployment, "");

    private static Intervention Extra(InterventionKind kind, string provider, string description, long pence) =>
        new(kind, provider, description, new(2015, 10, 1), new(2016, 3, 31), pence, "");
}
