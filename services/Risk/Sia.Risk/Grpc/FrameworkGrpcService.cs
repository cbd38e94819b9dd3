using System.Globalization;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Frameworks;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Risk.Grpc;

internal sealed class FrameworkGrpcService(Frameworks frameworks, ResponseBudget budget) : FrameworkService.FrameworkServiceBase
{
    public override async Task<Framework> GetFramework(GetFrameworkRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Framework(request.Name, "name", allowRevision: true);
        context.RequireLocalAuthority(name.LaCode);
        if (name.Revision is null) return (await frameworks.GetDraftAsync(name, context.CancellationToken)).ToMessage();
        var (framework, revision) = await frameworks.GetRevisionAsync(name, context.CancellationToken);
        return revision.ToMessage(framework);
    }

    public override async Task<ListFrameworksResponse> ListFrameworks(ListFrameworksRequest request, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.Parent, "parent");
        context.RequireLocalAuthority(laCode);
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        int? before = PageToken.TryRead<int>(request.PageToken, request, AcademicYear.TryParse, out var year) ? year : null;
        var page = budget.Fit(await frameworks.ListAsync(laCode, before, size, context.CancellationToken),
            f => f.ToMessage(), f => AcademicYear.Id(f.AcademicYear), request);
        return new ListFrameworksResponse { Frameworks = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<ListFrameworkRevisionsResponse> ListFrameworkRevisions(ListFrameworkRevisionsRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Framework(request.Name, "name", allowRevision: false);
        context.RequireLocalAuthority(name.LaCode);
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        int? before = PageToken.TryRead<int>(request.PageToken, request, TryParseRevision, out var revision) ? revision : null;
        var (framework, revisions) = await frameworks.ListRevisionsAsync(name, before, size, context.CancellationToken);
        var page = budget.Fit(revisions, r => r.ToMessage(framework), r => r.Revision.ToString(CultureInfo.InvariantCulture), request);
        return new ListFrameworkRevisionsResponse { Frameworks = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Framework> CreateFramework(CreateFrameworkRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = new FrameworkName(ResourceNames.LocalAuthorityCode(request.Parent, "parent"), ResourceNames.AcademicYearId(request.FrameworkId, "framework_id"));
        context.RequireLocalAuthority(name.LaCode);
        var violations = new Violations();
        var content = (request.Framework ?? throw new ValidationFailedException("framework", "The framework to create is missing.")).ToContent("framework", violations);
        violations.ThrowIfAny();
        return (await frameworks.CreateAsync(name, content, requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Framework> UpdateFramework(UpdateFrameworkRequest request, ServerCallContext context)
    {
        var changes = request.Framework ?? throw new ValidationFailedException("framework", "The framework to update is missing.");
        var name = ResourceNames.Framework(changes.Name, "framework.name", allowRevision: false);
        context.RequireLocalAuthority(name.LaCode);
        var etag = Etag.Parse(changes.Etag, "framework.etag");
        var violations = new Violations();
        var requested = changes.ToContent("framework", violations);
        violations.ThrowIfAny();
        var updated = await frameworks.UpdateAsync(name, etag, current => FrameworkMapping.UpdatableFields.Apply(request.UpdateMask, requested, current),
            context.CancellationToken);
        return updated.ToMessage();
    }

    public override async Task<Framework> PublishFramework(PublishFrameworkRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Framework(request.Name, "name", allowRevision: false);
        context.RequireLocalAuthority(name.LaCode);
        var etag = Etag.Parse(request.Etag, "etag");
        var requestId = RequestIds.Parse(request.RequestId);
        var (framework, revision) = await frameworks.PublishAsync(name, etag, requestId, context.CancellationToken);
        return revision.ToMessage(framework);
    }

    private static bool TryParseRevision(string text, out int revision) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out revision) && revision > 0;
}
