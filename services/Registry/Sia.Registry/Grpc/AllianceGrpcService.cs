using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Grpc;

internal sealed class AllianceGrpcService(Alliances alliances, AllianceMemberships memberships, ResponseBudget budget) : AllianceService.AllianceServiceBase
{
    public override async Task<Alliance> GetAlliance(GetAllianceRequest request, ServerCallContext context)
    {
        var allianceId = ResourceNames.AllianceId(request.Name, "name");
        return (await alliances.GetAsync(allianceId, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListAlliancesResponse> ListAlliances(ListAlliancesRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 100);
        var after = PageToken.TryRead<string>(request.PageToken, request, ResourceNames.TryParseAlliance, out var allianceId) ? allianceId : null;
        var page = budget.Fit(await alliances.ListAsync(after, size, context.CancellationToken),
            a => a.ToMessage(), a => ResourceNames.Alliance(a.AllianceId), request);
        return new ListAlliancesResponse { Alliances = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Alliance> CreateAlliance(CreateAllianceRequest request, ServerCallContext context)
    {
        var alliance = request.Alliance ?? throw new ValidationFailedException("alliance", "The alliance to create is missing.");
        return (await alliances.CreateAsync(request.AllianceId, alliance.ToDetails(), context.CancellationToken)).ToMessage();
    }

    public override async Task<Alliance> UpdateAlliance(UpdateAllianceRequest request, ServerCallContext context)
    {
        var changes = request.Alliance ?? throw new ValidationFailedException("alliance", "The alliance to update is missing.");
        var allianceId = ResourceNames.AllianceId(changes.Name, "alliance.name");
        var expectedVersion = Etag.Parse(changes.Etag, "alliance.etag");
        var requested = changes.ToDetails();
        var updated = await alliances.UpdateAsync(allianceId, expectedVersion,
            current => AllianceMapping.UpdatableFields.Apply(request.UpdateMask, requested, current), context.CancellationToken);
        return updated.ToMessage();
    }

    public override async Task<AllianceMembership> GetAllianceMembership(GetAllianceMembershipRequest request, ServerCallContext context)
    {
        var (allianceId, id) = ResourceNames.AllianceMembershipId(request.Name, "name");
        return (await memberships.GetAsync(allianceId, id, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListAllianceMembershipsResponse> ListAllianceMemberships(ListAllianceMembershipsRequest request, ServerCallContext context)
    {
        var allianceId = ResourceNames.AllianceId(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 100, maxSize: 500);
        await alliances.EnsureExistsAsync(allianceId, context.CancellationToken); // an unknown alliance is NOT_FOUND whatever the page token
        var after = PageToken.TryRead<(string AllianceId, long Id)>(request.PageToken, request, ResourceNames.TryParseAllianceMembership, out var last) ? last.Id : (long?)null;
        var page = budget.Fit(await memberships.ListAsync(allianceId, request.ShowEnded, after, size, context.CancellationToken),
            m => m.ToMessage(), m => ResourceNames.AllianceMembership(m.AllianceId, m.Id), request);
        return new ListAllianceMembershipsResponse { AllianceMemberships = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<AllianceMembership> CreateAllianceMembership(CreateAllianceMembershipRequest request, ServerCallContext context)
    {
        var allianceId = ResourceNames.AllianceId(request.Parent, "parent");
        var requestId = RequestIds.Parse(request.RequestId);
        var membership = request.AllianceMembership ?? throw new ValidationFailedException("alliance_membership", "The membership to create is missing.");
        var created = await memberships.CreateAsync(allianceId, membership.School, membership.ToPeriod(), requestId, context.CancellationToken);
        return created.ToMessage();
    }

    public override async Task<AllianceMembership> UpdateAllianceMembership(UpdateAllianceMembershipRequest request, ServerCallContext context)
    {
        var changes = request.AllianceMembership ?? throw new ValidationFailedException("alliance_membership", "The membership to update is missing.");
        var (allianceId, id) = ResourceNames.AllianceMembershipId(changes.Name, "alliance_membership.name");
        var expectedVersion = Etag.Parse(changes.Etag, "alliance_membership.etag");
        var requested = changes.ToPeriod();
        var updated = await memberships.UpdateAsync(allianceId, id, expectedVersion,
            current => AllianceMembershipMapping.UpdatableFields.Apply(request.UpdateMask, requested, current), context.CancellationToken);
        return updated.ToMessage();
    }
}
