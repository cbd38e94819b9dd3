using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.Domain.Evaluations;
using Sia.Cpd.Grpc.Mapping;
using Sia.Cpd.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Cpd.Grpc;

/// <summary>Evaluations: made, listed and summed by those who see the bookings (BookingAccess).</summary>
internal sealed class EvaluationGrpcService(Evaluations evaluations, ResponseBudget budget) : EvaluationService.EvaluationServiceBase
{
    public override async Task<Evaluation> CreateEvaluation(CreateEvaluationRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var booking = BookingName.Parse(request.Parent, "parent");
        var name = new DelegateName(booking, Evaluations.Collection, CatalogueNames.ParseId(request.EvaluationId, "evaluation_id", "d-0a1b2c3d"));
        var content = (request.Evaluation ?? throw new ValidationFailedException("evaluation", "The evaluation to create is missing.")).ToContent();
        var created = await evaluations.CreateAsync(name, content, b => context.RequireBooking(b, booking.ToString()), requestId, context.CancellationToken);
        return created.ToMessage(booking.Session);
    }

    public override async Task<ListEvaluationsResponse> ListEvaluations(ListEvaluationsRequest request, ServerCallContext context)
    {
        var session = CatalogueNames.ParseSession(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        var after = PageToken.TryRead<long>(request.PageToken, request, TryParseRow, out var row) ? row : (long?)null;
        var page = await evaluations.ListAsync(session, after, size, context.VisibleTo(session), context.CancellationToken);
        var fitted = budget.Fit(page, e => e.ToMessage(session), e => e.Evaluation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), request);
        return new ListEvaluationsResponse { Evaluations = { fitted.Items }, NextPageToken = fitted.NextPageToken };
    }

    public override async Task<V1.EvaluationSummary> SummarizeEvaluations(SummarizeEvaluationsRequest request, ServerCallContext context)
    {
        var session = CatalogueNames.ParseSession(request.Parent, "parent");
        return (await evaluations.SummarizeAsync(session, context.VisibleTo(session), context.CancellationToken)).ToMessage(session);
    }

    private static bool TryParseRow(string text, out long row) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out row) && row > 0;
}
