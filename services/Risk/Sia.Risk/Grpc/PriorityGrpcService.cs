using System.Globalization;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Priorities;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Risk.Grpc;

/// <summary>Improvement priorities: a partner reaches only those of the LAs and alliances it acts for (PERMISSION_DENIED otherwise).</summary>
internal sealed class PriorityGrpcService(Priorities priorities, ResponseBudget budget) : PriorityService.PriorityServiceBase
{
    public override async Task<Priority> GetPriority(GetPriorityRequest request, ServerCallContext context)
    {
        var name = PriorityName.Parse(request.Name, "name");
        context.RequireOwner(name.Owner);
        return (await priorities.GetAsync(name, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListPrioritiesResponse> ListPriorities(ListPrioritiesRequest request, ServerCallContext context)
    {
        var owner = PriorityOwner.Parse(request.Parent, "parent");
        if (request.AcademicYear != 0)
        {
            var violations = new Violations();
            PriorityRules.ValidateAcademicYear(request.AcademicYear, "academic_year", violations);
            violations.ThrowIfAny();
        }
        context.RequireOwner(owner);
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        PriorityListKey? after = PageToken.TryRead<PriorityListKey>(request.PageToken, request, TryParseKey, out var key) ? key : null;
        var page = budget.Fit(await priorities.ListAsync(owner, request.AcademicYear == 0 ? null : request.AcademicYear, after, size, context.CancellationToken),
            p => p.ToMessage(), p => $"{AcademicYear.Id(p.AcademicYear)}/{p.PriorityId}", request);
        return new ListPrioritiesResponse { Priorities = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Priority> CreatePriority(CreatePriorityRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = new PriorityName(PriorityOwner.Parse(request.Parent, "parent"), PriorityName.ParseId(request.PriorityId, "priority_id"));
        context.RequireOwner(name.Owner);
        var priority = request.Priority ?? throw new ValidationFailedException("priority", "The priority to create is missing.");
        var violations = new Violations();
        var content = priority.ToContent("priority", violations);
        violations.ThrowIfAny();
        return (await priorities.CreateAsync(name, priority.AcademicYear, content, requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Priority> UpdatePriority(UpdatePriorityRequest request, ServerCallContext context)
    {
        var changes = request.Priority ?? throw new ValidationFailedException("priority", "The priority to update is missing.");
        var name = PriorityName.Parse(changes.Name, "priority.name");
        context.RequireOwner(name.Owner);
        var etag = Etag.Parse(changes.Etag, "priority.etag");
        var violations = new Violations();
        var requested = changes.ToContent("priority", violations);
        violations.ThrowIfAny();
        var updated = await priorities.UpdateAsync(name, etag, current => PriorityMapping.UpdatableFields.Apply(request.UpdateMask, requested, current),
            context.CancellationToken);
        return updated.ToMessage();
    }

    /// <summary>"2015-16/good-or-better-2015", as the list writes its keys.</summary>
    private static bool TryParseKey(string text, out PriorityListKey key)
    {
        key = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !AcademicYear.TryParse(text[..slash], out var year) || !PriorityName.IsId(text[(slash + 1)..])) return false;
        key = new PriorityListKey(year, text[(slash + 1)..]);
        return true;
    }
}
