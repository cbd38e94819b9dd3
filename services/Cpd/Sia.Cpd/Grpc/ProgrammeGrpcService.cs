using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Programmes;
using Sia.Cpd.Grpc.Mapping;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Cpd.Grpc;

/// <summary>Programmes: anyone reads them; a partner changes only those of the alliances it acts for (PERMISSION_DENIED otherwise).</summary>
internal sealed class ProgrammeGrpcService(Programmes programmes, ResponseBudget budget) : ProgrammeService.ProgrammeServiceBase
{
    public override async Task<Programme> GetProgramme(GetProgrammeRequest request, ServerCallContext context) =>
        (await programmes.GetAsync(CatalogueNames.ParseProgramme(request.Name, "name"), context.CancellationToken)).ToMessage();

    public override async Task<ListProgrammesResponse> ListProgrammes(ListProgrammesRequest request, ServerCallContext context)
    {
        var allianceId = CatalogueNames.ParseAlliance(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        int? after = PageToken.TryRead<int>(request.PageToken, request, AcademicYear.TryParse, out var year) ? year : null;
        var page = budget.Fit(await programmes.ListAsync(allianceId, after, size, context.CancellationToken),
            p => p.ToMessage(), p => AcademicYear.Id(p.AcademicYear), request);
        return new ListProgrammesResponse { Programmes = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Programme> CreateProgramme(CreateProgrammeRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = new ProgrammeName(CatalogueNames.ParseAlliance(request.Parent, "parent"), CatalogueNames.ParseAcademicYear(request.ProgrammeId, "programme_id"));
        context.RequireAlliance(name.AllianceId);
        var programme = request.Programme ?? throw new ValidationFailedException("programme", "The programme to create is missing.");
        return (await programmes.CreateAsync(name, programme.ToContent(), requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Programme> UpdateProgramme(UpdateProgrammeRequest request, ServerCallContext context)
    {
        var changes = request.Programme ?? throw new ValidationFailedException("programme", "The programme to update is missing.");
        var name = CatalogueNames.ParseProgramme(changes.Name, "programme.name");
        context.RequireAlliance(name.AllianceId);
        var etag = Etag.Parse(changes.Etag, "programme.etag");
        var requested = changes.ToContent();
        var updated = await programmes.UpdateAsync(name, etag, current => ProgrammeMapping.UpdatableFields.Apply(request.UpdateMask, requested, current),
            context.CancellationToken);
        return updated.ToMessage();
    }
}
