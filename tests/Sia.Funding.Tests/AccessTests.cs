using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Funding.V1;
using Sia.Testing.Postgres;
using static Sia.Funding.Tests.York;

namespace Sia.Funding.Tests;

/// <summary>
/// Who may do what, for every RPC: York's partners manage and read York's funds; a Dudley partner is refused all of it and
/// changes nothing; Ebor's partner sees only Ebor's allocations and their commitments, another's being NOT_FOUND to it,
/// and changes none.
/// </summary>
public sealed class AccessTests(FundingStack stack) : IClassFixture<FundingStack>
{
    private static readonly Metadata York = Partners.ActingForLocalAuthorities("york-finance", "816");
    private static readonly Metadata Dudley = Partners.ActingForLocalAuthorities("dudley-finance", "332");
    private static readonly Metadata Ebor = Partners.ActingForAlliances("ebor-tsa", "ebor");

    private FundService.FundServiceClient Funds => new(stack.CreateChannel());
    private AllocationService.AllocationServiceClient Allocations => new(stack.CreateChannel());
    private CommitmentService.CommitmentServiceClient Commitments => new(stack.CreateChannel());

    /// <summary>York's 2015/16 commissioning fund, made by York's partner, with Ebor's and Pathfinder's allocations.</summary>
    private async Task<(Fund Fund, Allocation Ebor, Allocation Pathfinder)> CommissioningAsync(string fundId)
    {
        var fund = await Funds.CreateFundAsync(CreateFund(fundId, Commissioning()), York);
        var ebor = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "ebor", To("alliances/ebor", 25_170_000)), York);
        var pathfinder = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "pathfinder", To("alliances/pathfinder", 22_668_000)), York);
        return (await Funds.GetFundAsync(new GetFundRequest { Name = fund.Name }, York), ebor, pathfinder);
    }

    /// <summary>A commitment of each of Ebor's and Pathfinder's allocations, made by York's partner.</summary>
    private async Task<(Commitment Ebor, Commitment Pathfinder)> CommitmentsAsync(Allocation ebor, Allocation pathfinder) =>
        (await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "autumn", Deployment(1_000_000)), York),
            await Commitments.CreateCommitmentAsync(CreateCommitment(pathfinder.Name, "programme", Deployment(2_000_000)), York));

    private static async Task RefusedAsync(StatusCode status, Func<Task> call) => Assert.Equal(status, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);

    [Fact]
    public async Task Yorks_partner_makes_spends_releases_and_reads_every_commitment_of_Yorks_funds()
    {
        var (_, ebor, pathfinder) = await CommissioningAsync("york-commits");
        var (autumn, programme) = await CommitmentsAsync(ebor, pathfinder);

        var spent = await Commitments.RecordSpendAsync(Spend(programme.Name, 500_000), York);
        var released = await Commitments.ReleaseCommitmentAsync(new ReleaseCommitmentRequest { Name = autumn.Name, Reason = "not needed" }, York);

        Assert.Equal(spent, await Commitments.GetCommitmentAsync(new GetCommitmentRequest { Name = programme.Name }, York));
        Assert.Equal([released], (await Commitments.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = ebor.Name }, York)).Commitments);
    }

    [Fact]
    public async Task Ebors_partner_reads_only_the_commitments_of_Ebors_allocations_and_changes_none()
    {
        var (_, ebor, pathfinder) = await CommissioningAsync("ebor-commitments");
        var (autumn, programme) = await CommitmentsAsync(ebor, pathfinder);
        var before = await DatabaseSnapshot.TakeAsync(stack.Database);

        Assert.Equal(autumn, await Commitments.GetCommitmentAsync(new GetCommitmentRequest { Name = autumn.Name }, Ebor));
        Assert.Equal([autumn], (await Commitments.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = ebor.Name }, Ebor)).Commitments);
        await RefusedAsync(StatusCode.NotFound, async () => await Commitments.GetCommitmentAsync(new GetCommitmentRequest { Name = programme.Name }, Ebor));
        await RefusedAsync(StatusCode.NotFound, async () => await Commitments.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = pathfinder.Name }, Ebor));
        await RefusedAsync(StatusCode.PermissionDenied, async () => await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "more", Deployment(100)), Ebor));
        await RefusedAsync(StatusCode.PermissionDenied, async () => await Commitments.RecordSpendAsync(Spend(autumn.Name, 100), Ebor));
        await RefusedAsync(StatusCode.PermissionDenied, async () =>
            await Commitments.ReleaseCommitmentAsync(new ReleaseCommitmentRequest { Name = autumn.Name, Reason = "Ebor's" }, Ebor));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(stack.Database));
    }

    [Fact]
    public async Task A_Dudley_partner_is_refused_every_commitment_RPC_on_Yorks_funds_and_changes_nothing()
    {
        var (_, ebor, pathfinder) = await CommissioningAsync("dudley-commitments");
        var (autumn, _) = await CommitmentsAsync(ebor, pathfinder);
        var before = await DatabaseSnapshot.TakeAsync(stack.Database);

        await RefusedAsync(StatusCode.PermissionDenied, async () => await Commitments.GetCommitmentAsync(new GetCommitmentRequest { Name = autumn.Name }, Dudley));
        await RefusedAsync(StatusCode.PermissionDenied, async () => await Commitments.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = ebor.Name }, Dudley));
        await RefusedAsync(StatusCode.PermissionDenied, async () => await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "dudley", Deployment(100)), Dudley));
        await RefusedAsync(StatusCode.PermissionDenied, async () => await Commitments.RecordSpendAsync(Spend(autumn.Name, 100), Dudley));
        await RefusedAsync(StatusCode.PermissionDenied, async () =>
            await Commitments.ReleaseCommitmentAsync(new ReleaseCommitmentRequest { Name = autumn.Name, Reason = "Dudley's" }, Dudley));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(stack.Database));
    }

    [Fact]
    public async Task Yorks_partner_reads_all_of_Yorks_funds_and_allocations()
    {
        var (fund, ebor, pathfinder) = await CommissioningAsync("york-reads");

        Assert.Contains(fund, (await Funds.ListFundsAsync(new ListFundsRequest { Parent = LocalAuthority }, York)).Funds);
        Assert.Equal([ebor, pathfinder], (await Allocations.ListAllocationsAsync(new ListAllocationsRequest { Parent = fund.Name }, York)).Allocations);
        Assert.Equal(pathfinder, await Allocations.GetAllocationAsync(new GetAllocationRequest { Name = pathfinder.Name }, York));
    }

    [Fact]
    public async Task A_Dudley_partner_is_refused_every_RPC_on_Yorks_funds_and_changes_nothing()
    {
        var (fund, ebor, _) = await CommissioningAsync("dudley-refused");
        var before = await DatabaseSnapshot.TakeAsync(stack.Database);

        async Task RefusedAsync(Func<Task> call) => Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);

        await RefusedAsync(async () => await Funds.GetFundAsync(new GetFundRequest { Name = fund.Name }, Dudley));
        await RefusedAsync(async () => await Funds.ListFundsAsync(new ListFundsRequest { Parent = LocalAuthority }, Dudley));
        await RefusedAsync(async () => await Funds.CreateFundAsync(CreateFund("dudleys-idea", SchoolsCausingConcern()), Dudley));
        await RefusedAsync(async () => await Funds.UpdateFundAsync(
            new UpdateFundRequest { Fund = new Fund { Name = fund.Name, Purpose = "Dudley's" }, UpdateMask = FieldMask.FromString("purpose") }, Dudley));
        await RefusedAsync(async () => await Allocations.GetAllocationAsync(new GetAllocationRequest { Name = ebor.Name }, Dudley));
        await RefusedAsync(async () => await Allocations.ListAllocationsAsync(new ListAllocationsRequest { Parent = fund.Name }, Dudley));
        await RefusedAsync(async () => await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "dudley", To("alliances/ebor", 100)), Dudley));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(stack.Database));
    }

    [Fact]
    public async Task Ebors_partner_sees_only_Ebors_allocations_and_neither_the_fund_nor_making_allocations()
    {
        var (fund, ebor, pathfinder) = await CommissioningAsync("ebor-sees-its-own");
        var before = await DatabaseSnapshot.TakeAsync(stack.Database);

        Assert.Equal([ebor], (await Allocations.ListAllocationsAsync(new ListAllocationsRequest { Parent = fund.Name }, Ebor)).Allocations);
        Assert.Equal(ebor, await Allocations.GetAllocationAsync(new GetAllocationRequest { Name = ebor.Name }, Ebor));
        var others = await Assert.ThrowsAsync<RpcException>(async () => await Allocations.GetAllocationAsync(new GetAllocationRequest { Name = pathfinder.Name }, Ebor));
        Assert.Equal(StatusCode.NotFound, others.StatusCode);
        var fundRead = await Assert.ThrowsAsync<RpcException>(async () => await Funds.GetFundAsync(new GetFundRequest { Name = fund.Name }, Ebor));
        Assert.Equal(StatusCode.PermissionDenied, fundRead.StatusCode);
        var allocate = await Assert.ThrowsAsync<RpcException>(async () =>
            await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "more-for-ebor", To("alliances/ebor", 100)), Ebor));
        Assert.Equal(StatusCode.PermissionDenied, allocate.StatusCode);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(stack.Database));
    }
}
