using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Grpc;

internal sealed class SystemLeaderGrpcService(SystemLeaders leaders, ResponseBudget budget) : SystemLeaderService.SystemLeaderServiceBase
{
    public override async Task<SystemLeader> GetSystemLeader(GetSystemLeaderRequest request, ServerCallContext context)
    {
        var id = ResourceNames.SystemLeaderId(request.Name, "name");
        return (await leaders.GetAsync(id, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListSystemLeadersResponse> ListSystemLeaders(ListSystemLeadersRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 500);
        var violations = new Violations();
        ListFilters.CheckCount(request.Designations, "designations", violations);
        TextLimits.Check(request.Specialism, TextLimits.Specialism, "specialism", violations);
        violations.ThrowIfAny();
        var after = PageToken.TryRead<long>(request.PageToken, request, ResourceNames.TryParseSystemLeader, out var id) ? id : (long?)null;
        var filter = new SystemLeaderFilter
        {
            Designations = [.. request.Designations.Select(d => (SystemLeaderDesignation)d)],
            AllianceId = request.Alliance.Length > 0 ? ResourceNames.AllianceId(request.Alliance, "alliance") : null,
            LocalAuthorityCode = request.LocalAuthority.Length > 0 ? ResourceNames.LocalAuthorityCode(request.LocalAuthority, "local_authority") : null,
            Specialism = request.Specialism,
            PhaseOfEducationCode = request.HasPhaseOfEducationCode ? request.PhaseOfEducationCode : null,
            Active = request.HasActive ? request.Active : null,
        };

        var page = budget.Fit(await leaders.ListAsync(filter, after, size, context.CancellationToken),
            l => l.ToMessage(), l => ResourceNames.SystemLeader(l.Id), request);
        return new ListSystemLeadersResponse { SystemLeaders = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<SystemLeader> CreateSystemLeader(CreateSystemLeaderRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var leader = request.SystemLeader ?? throw new ValidationFailedException("system_leader", "The system leader to create is missing.");
        return (await leaders.CreateAsync(leader.ToDetails(), requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<SystemLeader> UpdateSystemLeader(UpdateSystemLeaderRequest request, ServerCallContext context)
    {
        var changes = request.SystemLeader ?? throw new ValidationFailedException("system_leader", "The system leader to update is missing.");
        var id = ResourceNames.SystemLeaderId(changes.Name, "system_leader.name");
        var expectedVersion = Etag.Parse(changes.Etag, "system_leader.etag");
        var requested = changes.ToDetails();
        var updated = await leaders.UpdateAsync(id, expectedVersion,
            current => SystemLeaderMapping.UpdatableFields.Apply(request.UpdateMask, requested, current), context.CancellationToken);
        return updated.ToMessage();
    }
}
