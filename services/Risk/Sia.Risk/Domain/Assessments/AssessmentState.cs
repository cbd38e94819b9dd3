namespace Sia.Risk.Domain.Assessments;

/// <summary>Numbered as sia.risk.v1.Assessment.State.</summary>
internal enum AssessmentState
{
    Unspecified = 0,
    Draft = 1,
    Submitted = 2,
    Moderated = 3,
    Published = 4,
}

/// <summary>Numbered as sia.risk.v1.Assessment.Round.</summary>
internal enum AssessmentRound
{
    Unspecified = 0,
    Annual = 1,
    Autumn = 2,
    Spring = 3,
    Summer = 4,
}

/// <summary>How an assessment moves on: draft, submitted, moderated, published; back to draft from submitted or moderated; never out of published.</summary>
internal static class AssessmentStates
{
    public static bool CanMove(AssessmentState from, AssessmentState to) => (from, to) switch
    {
        (AssessmentState.Draft, AssessmentState.Submitted) => true,
        (AssessmentState.Submitted, AssessmentState.Moderated) => true,
        (AssessmentState.Moderated, AssessmentState.Published) => true,
        (AssessmentState.Submitted or AssessmentState.Moderated, AssessmentState.Draft) => true,
        _ => false,
    };

    /// <summary>Where an assessment in this state may go next, for a refusal to name.</summary>
    public static IReadOnlyList<AssessmentState> Next(AssessmentState from) =>
        [.. Enum.GetValues<AssessmentState>().Where(to => CanMove(from, to))];

    public static string Words(AssessmentState state) => state.ToString().ToLowerInvariant();

    /// <summary>"autumn" as in the assessment id "2015-16-autumn".</summary>
    public static string Id(AssessmentRound round) => round.ToString().ToLowerInvariant();
}
