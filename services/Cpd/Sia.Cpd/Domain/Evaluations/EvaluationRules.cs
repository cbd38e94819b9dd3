using Sia.Contracts.DomainErrors;

namespace Sia.Cpd.Domain.Evaluations;

/// <summary>What makes an evaluation valid (INVALID_ARGUMENT naming evaluation.rating or evaluation.comments): a rating of 1-5 and at most 2,000 characters of comments, never quoted back.</summary>
internal static class EvaluationRules
{
    public const int LowestRating = 1, HighestRating = 5, Comments = 2000;

    public static void Validate(EvaluationContent evaluation, Violations violations)
    {
        if (evaluation.Rating is < LowestRating or > HighestRating)
            violations.Add("evaluation.rating", $"A rating is {LowestRating} (poor) to {HighestRating} (excellent); this is {evaluation.Rating}.");
        if (evaluation.Comments.Length > Comments)
            violations.Add("evaluation.comments", $"Comments are at most {Comments:N0} characters; these are {evaluation.Comments.Length:N0}.");
    }
}

/// <summary>What a delegate says of a session: a rating and comments (which may name people: never logged).</summary>
internal sealed record EvaluationContent(int Rating, string Comments);

/// <summary>A session's evaluations summed: the exact mean is RatingSum / Count.</summary>
internal sealed record EvaluationSummary(int Count, long RatingSum);
