using Sia.Cpd.Data;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.Domain.Evaluations;
using Sia.Cpd.V1;
using EvaluationSummary = Sia.Cpd.Domain.Evaluations.EvaluationSummary;

namespace Sia.Cpd.Grpc.Mapping;

/// <summary>Evaluations between the API's messages and the domain's records.</summary>
internal static class EvaluationMapping
{
    public static Evaluation ToMessage(this BookingEvaluation evaluation, SessionName session) => new()
    {
        Name = new DelegateName(new BookingName(session, evaluation.BookingId), Evaluations.Collection, evaluation.Evaluation.DelegateId).ToString(),
        Rating = evaluation.Evaluation.Rating,
        Comments = evaluation.Evaluation.Comments,
        CreateTime = Times.ToMessage(evaluation.Evaluation.CreateTime),
    };

    public static EvaluationContent ToContent(this Evaluation message) => new(message.Rating, message.Comments);

    public static V1.EvaluationSummary ToMessage(this EvaluationSummary summary, SessionName session) => new()
    {
        Session = session.ToString(),
        EvaluationCount = summary.Count,
        RatingSum = summary.RatingSum,
        MeanRating = summary.Count == 0 ? 0 : (double)summary.RatingSum / summary.Count,
    };
}
