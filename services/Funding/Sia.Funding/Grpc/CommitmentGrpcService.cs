using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Domain;
using Sia.Funding.Domain.Commitments;
using Sia.Funding.Grpc.Mapping;
using Sia.Funding.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Funding.Grpc;

/// <summary>
/// Commitments: a partner acting for the fund's LA makes, spends, releases and reads them all; a partner acting for
/// alliances reads only those under its alliances' allocations (another's is NOT_FOUND to it) and changes none
/// (PERMISSION_DENIED), as any other partner.
/// </summary>
internal sealed class CommitmentGrpcService(Commitments commitments, ResponseBudget budget) : CommitmentService.CommitmentServiceBase
{
    public override async Task<Commitment> GetCommitment(GetCommitmentRequest request, ServerCallContext context)
    {
        var name = FundingNames.ParseCommitment(request.Name, "name");
        return (await commitments.GetAsync(name, context.VisibleProviders(name.Allocation.Fund.LocalAuthorityCode), context.CancellationToken)).ToMessage();
    }

    public override async Task<ListCommitmentsResponse> ListCommitments(ListCommitmentsRequest request, ServerCallContext context)
    {
        var allocation = FundingNames.ParseAllocation(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        var after = PageToken.TryRead<string>(request.PageToken, request, FundingNames.TryReadId, out var id) ? id : null;
        var page = budget.Fit(
            await commitments.ListAsync(allocation, context.VisibleProviders(allocation.Fund.LocalAuthorityCode), after, size, context.CancellationToken),
            c => c.ToMessage(), c => c.Commitment.CommitmentId, request);
        return new ListCommitmentsResponse { Commitments = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Commitment> CreateCommitment(CreateCommitmentRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = new CommitmentName(FundingNames.ParseAllocation(request.Parent, "parent"),
            FundingNames.ParseId(request.CommitmentId, "commitment_id", "park-grove-autumn-2015"));
        var commitment = request.Commitment ?? throw new ValidationFailedException("commitment", "The commitment to create is missing.");
        context.RequireLocalAuthority(name.Allocation.Fund.LocalAuthorityCode);
        return (await commitments.CreateAsync(name, commitment.ToContent(), context.Actor(), requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Commitment> RecordSpend(RecordSpendRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = FundingNames.ParseCommitment(request.Name, "name");
        var spend = request.ToSpend();
        context.RequireLocalAuthority(name.Allocation.Fund.LocalAuthorityCode);
        return (await commitments.RecordSpendAsync(name, spend, context.Actor(), requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Commitment> ReleaseCommitment(ReleaseCommitmentRequest request, ServerCallContext context)
    {
        var name = FundingNames.ParseCommitment(request.Name, "name");
        context.RequireLocalAuthority(name.Allocation.Fund.LocalAuthorityCode);
        return (await commitments.ReleaseAsync(name, request.Reason, context.Actor(), context.CancellationToken)).ToMessage();
    }
}
