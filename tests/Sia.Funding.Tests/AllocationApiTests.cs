using Grpc.Core;
using Sia.Funding.V1;
using static Sia.Funding.Tests.York;

namespace Sia.Funding.Tests;

/// <summary>York's 2015/16 commissioning allocated over real HTTP/2 and PostgreSQL: amounts out of the fund, refusals saying what is left, retries, bad fields.</summary>
public sealed class AllocationApiTests(FundingStack stack) : IClassFixture<FundingStack>
{
    private FundService.FundServiceClient Funds => new(stack.CreateChannel());
    private AllocationService.AllocationServiceClient Allocations => new(stack.CreateChannel());

    private async Task<Fund> FundAsync(string fundId, long amountPence = 80_538_000) =>
        await Funds.CreateFundAsync(CreateFund(fundId, Commissioning(amountPence)));

    [Fact]
    public async Task Yorks_commissioning_is_allocated_out_of_the_fund_and_read_back()
    {
        var fund = await FundAsync("commissioning-2015");

        var ebor = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "ebor", To("alliances/ebor", 25_170_000, "localAuthorities/816/priorities/good-or-better-2015")));
        var pathfinder = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "pathfinder", To("alliances/pathfinder", 22_668_000)));
        var clusters = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "north-cluster", To("localAuthorities/816/clusters/north", 12_500_000)));
        var retained = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "emergency", To("localAuthorities/816", 20_000_000)));

        Assert.Equal($"{fund.Name}/allocations/ebor", ebor.Name);
        Assert.Equal("localAuthorities/816/priorities/good-or-better-2015", ebor.ImprovementPriority);
        Assert.Equal(ebor, await Allocations.GetAllocationAsync(new GetAllocationRequest { Name = ebor.Name }));
        var listed = await Allocations.ListAllocationsAsync(new ListAllocationsRequest { Parent = fund.Name });
        Assert.Equal([ebor, retained, clusters, pathfinder], listed.Allocations);
        Assert.Equal(80_538_000 - 25_170_000 - 22_668_000 - 12_500_000 - 20_000_000, (await Funds.GetFundAsync(new GetFundRequest { Name = fund.Name })).UnallocatedPence);
    }

    [Fact]
    public async Task More_than_is_left_is_FAILED_PRECONDITION_saying_how_much_is_left()
    {
        var fund = await FundAsync("nearly-spent", amountPence: 1_000_000);
        await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "most", To("alliances/ebor", 999_000)));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "too-much", To("alliances/pathfinder", 1_001))));

        var violation = Precondition(error);
        Assert.Equal(fund.Name, violation.Subject);
        Assert.Contains("has 1000 pence (£10.00) left to allocate", violation.Description);
        var exact = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "the-rest", To("alliances/pathfinder", 1_000)));
        Assert.Equal(1_000, exact.AmountPence);
        Assert.Equal(0, (await Funds.GetFundAsync(new GetFundRequest { Name = fund.Name })).UnallocatedPence);
    }

    [Fact]
    public async Task A_retried_allocation_is_made_once_and_the_same_request_id_with_another_body_is_refused()
    {
        var fund = await FundAsync("retries", amountPence: 1_000_000);
        var request = CreateAllocation(fund.Name, "ebor", To("alliances/ebor", 400_000));

        var first = await Allocations.CreateAllocationAsync(request);
        var retry = await Allocations.CreateAllocationAsync(request);

        Assert.Equal(first, retry);
        Assert.Equal(600_000, (await Funds.GetFundAsync(new GetFundRequest { Name = fund.Name })).UnallocatedPence);
        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await Allocations.CreateAllocationAsync(request.With(r => r.Allocation = To("alliances/ebor", 500_000))));
        Assert.Equal(["request_id"], other.ViolatedFields());
        var elsewhere = await Assert.ThrowsAsync<RpcException>(async () =>
            await Allocations.CreateAllocationAsync(request.With(r => r.AllocationId = "pathfinder")));
        Assert.Equal(["request_id"], elsewhere.ViolatedFields());
        var taken = await Assert.ThrowsAsync<RpcException>(async () =>
            await Allocations.CreateAllocationAsync(request.With(r => r.RequestId = Guid.NewGuid().ToString())));
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
    }

    [Fact]
    public async Task Every_bad_field_is_named()
    {
        var fund = await FundAsync("bad-fields");
        async Task<IReadOnlyList<string>> FieldsAsync(CreateAllocationRequest request) =>
            (await Assert.ThrowsAsync<RpcException>(async () => await Allocations.CreateAllocationAsync(request))).ViolatedFields();

        Assert.Equal(["allocation.provider", "allocation.improvement_priority", "allocation.amount_pence", "allocation.reason"],
            await FieldsAsync(CreateAllocation(fund.Name, "bad", new Allocation { Provider = "schools/121615", ImprovementPriority = "priorities/p1", AmountPence = -5 })));
        // A cluster or retained money is the fund's own LA's.
        Assert.Equal(["allocation.provider"], await FieldsAsync(CreateAllocation(fund.Name, "bad", To("localAuthorities/332/clusters/north", 100))));
        Assert.Equal(["allocation.provider"], await FieldsAsync(CreateAllocation(fund.Name, "bad", To("localAuthorities/332", 100))));
        Assert.Equal(["allocation_id"], await FieldsAsync(CreateAllocation(fund.Name, "-bad", To("alliances/ebor", 100))));
        Assert.Equal(["parent"], await FieldsAsync(CreateAllocation("localAuthorities/816", "ebor", To("alliances/ebor", 100))));
        Assert.Equal(["allocation"], await FieldsAsync(new CreateAllocationRequest { Parent = fund.Name, AllocationId = "ebor" }));
        Assert.Equal(["name"], (await Assert.ThrowsAsync<RpcException>(async () =>
            await Allocations.GetAllocationAsync(new GetAllocationRequest { Name = $"{fund.Name}/allocations/" }))).ViolatedFields());
        var noFund = await Assert.ThrowsAsync<RpcException>(async () =>
            await Allocations.CreateAllocationAsync(CreateAllocation($"{LocalAuthority}/funds/none", "ebor", To("alliances/ebor", 100))));
        Assert.Equal(StatusCode.NotFound, noFund.StatusCode);
        var noFundList = await Assert.ThrowsAsync<RpcException>(async () =>
            await Allocations.ListAllocationsAsync(new ListAllocationsRequest { Parent = $"{LocalAuthority}/funds/none" }));
        Assert.Equal(StatusCode.NotFound, noFundList.StatusCode);
    }
}
