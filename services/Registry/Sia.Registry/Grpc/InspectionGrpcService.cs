using System.Globalization;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Grpc;

internal sealed class InspectionGrpcService(Inspections inspections, Schools schools, ResponseBudget budget) : InspectionService.InspectionServiceBase
{
    public override async Task<Inspection> GetInspection(GetInspectionRequest request, ServerCallContext context)
    {
        var (urn, id) = ResourceNames.InspectionId(request.Name, "name");
        return (await inspections.GetAsync(urn, id, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListInspectionsResponse> ListInspections(ListInspectionsRequest request, ServerCallContext context)
    {
        var urn = ResourceNames.SchoolUrn(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        await schools.EnsureExistsAsync(urn, context.CancellationToken); // an unknown school is NOT_FOUND whatever the page token
        var after = PageToken.TryRead<(DateOnly Date, long Id)>(request.PageToken, request, TryParsePosition, out var position) ? position : ((DateOnly, long)?)null;
        var page = budget.Fit(await inspections.ListAsync(urn, after, size, context.CancellationToken),
            i => i.ToMessage(), i => $"{i.InspectionDate:yyyy-MM-dd}/{i.Id}", request);
        return new ListInspectionsResponse { Inspections = { page.Items }, NextPageToken = page.NextPageToken };
    }

    /// <summary>An inspection's place in the newest-first order, as its page token writes it: yyyy-MM-dd/{id}.</summary>
    private static bool TryParsePosition(string key, out (DateOnly Date, long Id) position)
    {
        position = default;
        if (key.Split('/') is not [var date, var id]
            || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        position = (day, number);
        return true;
    }

    public override async Task<Inspection> CreateInspection(CreateInspectionRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var urn = ResourceNames.SchoolUrn(request.Parent, "parent");
        var inspection = request.Inspection ?? throw new ValidationFailedException("inspection", "The inspection to create is missing.");
        return (await inspections.CreateAsync(urn, inspection.ToReport(), requestId, context.CancellationToken)).ToMessage();
    }
}
