using Sia.Risk.Domain.Assessments;
using Sia.Risk.Domain.Frameworks;
using Sia.Risk.Import;

namespace Sia.Risk.Demo;

/// <summary>
/// The demo's assessments, of the registry's demo schools (all 99xxxx, made up) as Ofsted had found them then: York's
/// autumn 2015 round, when its commissioning plan prioritised its seven schools requiring improvement, with Holgate Road
/// good but at risk on its 2014/15 results and a change of head; Middlesbrough's autumn 2014 round, with North Ormesby in
/// special measures.
/// </summary>
internal static class DemoAssessments
{
    public static readonly DemoFramework York = new("816", 2015, YorkFramework.DisplayName, YorkFramework.Definition, new DateOnly(2015, 10, 16),
    [
        new(990001, [Met("inconsistent_teaching", "Teaching in key stage 1 is not yet consistently good (Ofsted, May 2013).")]),
        new(990002, []),
        new(990003, [Met("variation_between_phases", "Sixth form outcomes well below those at key stage 4.")]),
        new(990004, [Met("leadership_concerns", "Middle leadership in English and mathematics is new and not yet effective."),
            Met("inconsistent_teaching", "Ofsted (October 2014): teaching requires improvement in key stage 2.")]),
        new(990005, [Met("leadership_concerns", "The headteacher left in July 2015; an acting head is in post until Easter.")]),
        new(990006, [Met("governance_concerns", "Governors' monitoring of Pupil Premium spending is weak.")]),
        new(990007, []),
        new(990008, [Met("behaviour_safety_attendance", "Persistent absence is double the city's average.")]),
        new(990009, [Met("resources_not_used_well", "Pupil Premium is not narrowing the gap for disadvantaged pupils.")]),
        new(990010, [NotMet("change_of_context", "No change of context since its last inspection.")]),
        new(990011, [Met("leadership_concerns", "Senior leadership restructured in September 2015.")]),
        new(990012, []),
    ]);

    public static readonly DemoFramework Middlesbrough = new("806", 2014, MiddlesbroughFramework.DisplayName, MiddlesbroughFramework.Definition,
        new DateOnly(2014, 11, 14),
    [
        new(990101, []),
        new(990102, [Met("leadership_capacity", "Interim executive board in place since July 2014."), Met("governance_concerns", "Governing body replaced by an IEB.")]),
        new(990103, [Met("outcomes_declining", "Key stage 2 results fell in 2013 and 2014.")]),
        new(990104, [Met("leadership_capacity", "The sponsor has appointed a new principal from January 2015.")]),
        new(990105, []),
        new(990106, []),
        new(990107, []),
    ]);

    /// <summary>Holgate Road's 2014/15 key stage 2 results: under the floor, and English well ahead of mathematics.</summary>
    public static readonly IReadOnlyList<IndicatorRow> Indicators =
    [
        new(1, 990005, "ks2_rwm_level4_pct", 2014, 61.0, 80.0),
        new(2, 990005, "english_expected_pct", 2014, 82.0, 87.0),
        new(3, 990005, "maths_expected_pct", 2014, 68.0, 86.0),
        new(4, 990010, "ks2_rwm_level4_pct", 2014, 84.0, 80.0),
        new(5, 990010, "english_expected_pct", 2014, 88.0, 87.0),
        new(6, 990010, "maths_expected_pct", 2014, 86.0, 86.0),
    ];

    private static CriterionJudgement Met(string criterion, string evidence) => new(criterion, CriterionOutcome.Met, evidence);

    private static CriterionJudgement NotMet(string criterion, string evidence) => new(criterion, CriterionOutcome.NotMet, evidence);
}

/// <summary>An LA's framework for a year and its schools' assessments in the autumn round, on one day.</summary>
internal sealed record DemoFramework(string LaCode, int AcademicYear, string DisplayName, FrameworkDefinition Definition, DateOnly AssessmentDate,
    IReadOnlyList<DemoAssessment> Assessments);

internal sealed record DemoAssessment(int Urn, IReadOnlyList<CriterionJudgement> Judgements);
