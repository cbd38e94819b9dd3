using Grpc.Core;
using Sia.Funding.V1;
using static Sia.Funding.Tests.York;

namespace Sia.Funding.Tests;

/// <summary>
/// Commitments of Ebor's allocation, spend against them and their release, over real HTTP/2 and PostgreSQL: amounts out of
/// the allocation and back, refusals saying what is left, retries, bad fields.
/// </summary>
public sealed class CommitmentApiTests(FundingStack stack) : IClassFixture<FundingStack>
{
    private FundService.FundServiceClient Funds => new(stack.CreateChannel());
    private AllocationService.AllocationServiceClient Allocations => new(stack.CreateChannel());
    private CommitmentService.CommitmentServiceClient Commitments => new(stack.CreateChannel());

    /// <summary>A fund of its own with Ebor's allocation of <paramref name="amountPence"/>.</summary>
    private async Task<Allocation> EborAsync(string fundId, long amountPence = 25_170_000)
    {
        var fund = await Funds.CreateFundAsync(CreateFund(fundId, Commissioning()));
        return await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "ebor", To("alliances/ebor", amountPence)));
    }

    private async Task<long> StoredBalanceAsync(string account) => (await stack.BalancesAsync()).Stored[account];

    [Fact]
    public async Task Commitments_are_made_out_of_the_allocation_and_read_back()
    {
        var ebor = await EborAsync("commitments-read");

        var autumn = await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "park-grove-autumn", Deployment(1_000_000)));
        var place = await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "cpd-place", new Commitment
        {
            Kind = Commitment.Types.Kind.FundedCpdPlace, Purpose = "Outstanding Teacher Programme place", AmountPence = 95_000,
        }));

        Assert.Equal($"{ebor.Name}/commitments/park-grove-autumn", autumn.Name);
        Assert.Equal((Commitment.Types.Kind.SystemLeaderDeployment, "schools/121615", 1_000_000L, 0L, 1_000_000L, Commitment.Types.State.Open),
            (autumn.Kind, autumn.School, autumn.AmountPence, autumn.SpentPence, autumn.LeftPence, autumn.State));
        Assert.Equal(Deployment(0).Source, autumn.Source);
        Assert.Equal(autumn, await Commitments.GetCommitmentAsync(new GetCommitmentRequest { Name = autumn.Name }));
        Assert.Equal([place, autumn], (await Commitments.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = ebor.Name })).Commitments);
        var firstPage = await Commitments.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = ebor.Name, PageSize = 1 });
        Assert.Equal([place], firstPage.Commitments);
        Assert.Equal([autumn], (await Commitments.ListCommitmentsAsync(
            new ListCommitmentsRequest { Parent = ebor.Name, PageSize = 1, PageToken = firstPage.NextPageToken })).Commitments);
        Assert.Equal(25_170_000 - 1_000_000 - 95_000, await StoredBalanceAsync($"{ebor.Name}#balance"));
    }

    [Fact]
    public async Task More_than_the_allocation_has_left_is_FAILED_PRECONDITION_saying_how_much_is_left()
    {
        var ebor = await EborAsync("over-committed", amountPence: 1_000_000);
        await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "most", Deployment(999_000)));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "too-much", Deployment(1_001))));

        var violation = Precondition(error);
        Assert.Equal(ebor.Name, violation.Subject);
        Assert.Contains("has 1000 pence (£10.00) left to commit", violation.Description);
        Assert.Equal(1_000, (await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "the-rest", Deployment(1_000)))).AmountPence);
        Assert.Equal(0, await StoredBalanceAsync($"{ebor.Name}#balance"));
    }

    [Fact]
    public async Task Spend_moves_out_of_what_is_left_and_never_more_than_is_left()
    {
        var ebor = await EborAsync("spent");
        var autumn = await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "autumn", Deployment(1_000_000)));

        var afterOne = await Commitments.RecordSpendAsync(Spend(autumn.Name, 600_000, "EBOR-2015-117"));
        var over = await Assert.ThrowsAsync<RpcException>(async () => await Commitments.RecordSpendAsync(Spend(autumn.Name, 400_001, "EBOR-2015-118")));

        Assert.Equal((600_000L, 400_000L), (afterOne.SpentPence, afterOne.LeftPence));
        var violation = Precondition(over);
        Assert.Equal(autumn.Name, violation.Subject);
        Assert.Contains("has 400000 pence (£4,000.00) left to spend", violation.Description);
        var all = await Commitments.RecordSpendAsync(Spend(autumn.Name, 400_000, "EBOR-2015-118"));
        Assert.Equal((1_000_000L, 1_000_000L, 0L), (all.AmountPence, all.SpentPence, all.LeftPence));
        Assert.Equal(all, await Commitments.GetCommitmentAsync(new GetCommitmentRequest { Name = autumn.Name }));
        Assert.Equal(1_000_000, await StoredBalanceAsync($"{autumn.Name}#spent"));
    }

    [Fact]
    public async Task Release_gives_what_is_left_back_to_the_allocation_and_takes_no_more_spend()
    {
        var ebor = await EborAsync("released", amountPence: 2_000_000);
        var autumn = await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "autumn", Deployment(1_000_000)));
        await Commitments.RecordSpendAsync(Spend(autumn.Name, 300_000));

        var released = await Commitments.ReleaseCommitmentAsync(new ReleaseCommitmentRequest { Name = autumn.Name, Reason = "the deployment ended early" });

        Assert.Equal((Commitment.Types.State.Released, 1_000_000L, 300_000L, 0L), (released.State, released.AmountPence, released.SpentPence, released.LeftPence));
        Assert.NotNull(released.ReleaseTime);
        Assert.Equal(released, await Commitments.GetCommitmentAsync(new GetCommitmentRequest { Name = autumn.Name }));
        Assert.Equal(2_000_000 - 300_000, await StoredBalanceAsync($"{ebor.Name}#balance"));
        Assert.Equal(0, await StoredBalanceAsync($"{autumn.Name}#balance"));
        var spend = await Assert.ThrowsAsync<RpcException>(async () => await Commitments.RecordSpendAsync(Spend(autumn.Name, 1)));
        Assert.Contains("takes no more spend", Precondition(spend).Description);
        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await Commitments.ReleaseCommitmentAsync(new ReleaseCommitmentRequest { Name = autumn.Name, Reason = "again" }));
        Assert.Contains("already released", Precondition(again).Description);
        Assert.Equal(1_700_000, (await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "spring", Deployment(1_700_000)))).AmountPence);
    }

    [Fact]
    public async Task Retried_creates_and_spends_are_recorded_once_and_the_same_request_id_with_another_body_is_refused()
    {
        var ebor = await EborAsync("retries", amountPence: 1_000_000);
        var create = CreateCommitment(ebor.Name, "autumn", Deployment(400_000));

        var first = await Commitments.CreateCommitmentAsync(create);
        Assert.Equal(first, await Commitments.CreateCommitmentAsync(create));
        var spend = Spend(first.Name, 100_000);
        var spent = await Commitments.RecordSpendAsync(spend);
        var retried = await Commitments.RecordSpendAsync(spend);

        Assert.Equal(spent, retried);
        Assert.Equal(100_000, retried.SpentPence);
        Assert.Equal(600_000, await StoredBalanceAsync($"{ebor.Name}#balance"));
        async Task<IReadOnlyList<string>> FieldsAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).ViolatedFields();
        Assert.Equal(["request_id"], await FieldsAsync(async () => await Commitments.CreateCommitmentAsync(create.With(r => r.Commitment = Deployment(500_000)))));
        Assert.Equal(["request_id"], await FieldsAsync(async () => await Commitments.RecordSpendAsync(spend.With(r => r.AmountPence = 1))));
        Assert.Equal(["request_id"], await FieldsAsync(async () => await Commitments.RecordSpendAsync(spend.With(r => r.RequestId = create.RequestId))));
        var taken = await Assert.ThrowsAsync<RpcException>(async () =>
            await Commitments.CreateCommitmentAsync(create.With(r => r.RequestId = Guid.NewGuid().ToString())));
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
    }

    [Fact]
    public async Task Every_bad_field_is_named()
    {
        var ebor = await EborAsync("bad-fields");
        var autumn = await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "autumn", Deployment(1_000_000)));
        async Task<IReadOnlyList<string>> FieldsAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).ViolatedFields();

        Assert.Equal(["commitment.kind", "commitment.purpose", "commitment.school", "commitment.source", "commitment.amount_pence"],
            await FieldsAsync(async () => await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "bad",
                new Commitment { School = "schools/012345", Source = "interventions", AmountPence = 0 }))));
        Assert.Equal(["commitment.source"], await FieldsAsync(async () => await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "bad",
            Deployment(100).With(c => c.Source = "priorities/p 1")))));
        Assert.Equal(["commitment_id"], await FieldsAsync(async () => await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "Bad", Deployment(100)))));
        Assert.Equal(["parent"], await FieldsAsync(async () => await Commitments.CreateCommitmentAsync(CreateCommitment("localAuthorities/816/funds/x", "bad", Deployment(100)))));
        Assert.Equal(["commitment"], await FieldsAsync(async () => await Commitments.CreateCommitmentAsync(new CreateCommitmentRequest { Parent = ebor.Name, CommitmentId = "bad" })));
        Assert.Equal(["invoice_reference", "spend_date", "amount_pence"], await FieldsAsync(async () => await Commitments.RecordSpendAsync(
            Spend(autumn.Name, -1, invoice: new string('x', 101)).With(r => r.SpendDate = null))));
        var tomorrow = DateTime.UtcNow.AddDays(2);
        Assert.Equal(["spend_date"], await FieldsAsync(async () => await Commitments.RecordSpendAsync(
            Spend(autumn.Name, 1).With(r => r.SpendDate = new Google.Type.Date { Year = tomorrow.Year, Month = tomorrow.Month, Day = tomorrow.Day }))));
        Assert.Equal(["spend_date"], await FieldsAsync(async () => await Commitments.RecordSpendAsync(
            Spend(autumn.Name, 1).With(r => r.SpendDate = new Google.Type.Date { Year = 2015, Month = 2, Day = 30 }))));
        Assert.Equal(["reason"], await FieldsAsync(async () => await Commitments.ReleaseCommitmentAsync(new ReleaseCommitmentRequest { Name = autumn.Name, Reason = " " })));
        Assert.Equal(["name"], await FieldsAsync(async () => await Commitments.GetCommitmentAsync(new GetCommitmentRequest { Name = $"{ebor.Name}/commitments/" })));
        var noAllocation = await Assert.ThrowsAsync<RpcException>(async () =>
            await Commitments.CreateCommitmentAsync(CreateCommitment($"{ebor.Name[..ebor.Name.LastIndexOf('/')]}/none", "x", Deployment(100))));
        Assert.Equal(StatusCode.NotFound, noAllocation.StatusCode);
        var noCommitment = await Assert.ThrowsAsync<RpcException>(async () => await Commitments.RecordSpendAsync(Spend($"{ebor.Name}/commitments/none", 1)));
        Assert.Equal(StatusCode.NotFound, noCommitment.StatusCode);
    }
}
