using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Domain;
using Sia.Funding.Domain.Allocations;
using Sia.Funding.Grpc.Mapping;
using Sia.Funding.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Funding.Grpc;

/// <summary>
/// Allocations: a partner acting for the fund's LA makes and reads them all; a partner acting for alliances reads only
/// theirs (another's is NOT_FOUND to it); any other partner making one is PERMISSION_DENIED.
/// </summary>
internal sealed class AllocationGrpcService(Allocations allocations, ResponseBudget budget) : AllocationService.AllocationServiceBase
{
    public override async Task<Allocation> GetAllocation(GetAllocationRequest request, ServerCallContext context)
    {
        var name = FundingNames.ParseAllocation(request.Name, "name");
        return (await allocations.GetAsync(name, context.VisibleProviders(name.Fund.LocalAuthorityCode), context.CancellationToken)).ToMessage();
    }

    public override async Task<ListAllocationsResponse> ListAllocations(ListAllocationsRequest request, ServerCallContext context)
    {
        var fund = FundingNames.ParseFund(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        var after = PageToken.TryRead<string>(request.PageToken, request, FundingNames.TryReadId, out var id) ? id : null;
        var page = budget.Fit(await allocations.ListAsync(fund, context.VisibleProviders(fund.LocalAuthorityCode), after, size, context.CancellationToken),
            a => a.ToMessage(), a => a.AllocationId, request);
        return new ListAllocationsResponse { Allocations = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Allocation> CreateAllocation(CreateAllocationRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = new AllocationName(FundingNames.ParseFund(request.Parent, "parent"), FundingNames.ParseId(request.AllocationId, "allocation_id", "ebor"));
        var allocation = request.Allocation ?? throw new ValidationFailedException("allocation", "The allocation to create is missing.");
        context.RequireLocalAuthority(name.Fund.LocalAuthorityCode);
        return (await allocations.CreateAsync(name, allocation.ToContent(), context.Actor(), requestId, context.CancellationToken)).ToMessage();
    }
}
