using Grpc.Core;
using Sia.Funding.V1;
using static Sia.Funding.Tests.York;

namespace Sia.Funding.Tests;

/// <summary>An allocation is never over-committed and a commitment never overspent, however many calls race for them.</summary>
public sealed class CommitmentRaceTests(FundingStack stack) : IClassFixture<FundingStack>
{
    private async Task<Allocation> AllocationAsync(string fundId, long amountPence)
    {
        var fund = await new FundService.FundServiceClient(stack.CreateChannel()).CreateFundAsync(CreateFund(fundId, Commissioning()));
        return await new AllocationService.AllocationServiceClient(stack.CreateChannel()).CreateAllocationAsync(CreateAllocation(fund.Name, "ebor", To("alliances/ebor", amountPence)));
    }

    /// <summary>The calls run concurrently, each on its own channel: what each returned, or how it was refused.</summary>
    private Task<(Commitment? Result, RpcException? Refusal)[]> RaceAsync(int racers, Func<CommitmentService.CommitmentServiceClient, int, Task<Commitment>> call) =>
        Task.WhenAll(Enumerable.Range(0, racers).Select(i => Task.Run(async () =>
        {
            try
            {
                return ((Commitment?)await call(new CommitmentService.CommitmentServiceClient(stack.CreateChannel()), i), (RpcException?)null);
            }
            catch (RpcException refusal)
            {
                return (null, refusal);
            }
        })));

    [Fact]
    public async Task Two_hundred_concurrent_commitments_take_exactly_the_largest_sum_that_fits_and_each_refusal_says_what_was_left()
    {
        const long allocationPence = 1_000_000, eachPence = 7_000;
        const int racers = 200, fit = (int)(allocationPence / eachPence); // 142, leaving 6,000
        var ebor = await AllocationAsync("commitments-raced", allocationPence);

        var outcomes = await RaceAsync(racers, (commitments, i) => commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, $"racer-{i}", Deployment(eachPence))).ResponseAsync);

        Assert.Equal(fit, outcomes.Count(o => o.Result is not null));
        Assert.All(outcomes.Where(o => o.Refusal is not null), o => Assert.Contains(
            $"has {allocationPence - fit * eachPence} pence", Precondition(o.Refusal!).Description));
        var (stored, rebuilt) = await stack.BalancesAsync();
        Assert.Equal(rebuilt, stored);
        Assert.Equal(allocationPence - fit * eachPence, stored[$"{ebor.Name}#balance"]);
    }

    [Fact]
    public async Task Two_hundred_concurrent_spends_never_take_more_than_the_commitment_and_each_refusal_says_what_was_left()
    {
        const long commitmentPence = 100_000, eachPence = 700;
        const int racers = 200, fit = (int)(commitmentPence / eachPence); // 142, leaving 600
        var ebor = await AllocationAsync("spends-raced", 1_000_000);
        var commitment = await new CommitmentService.CommitmentServiceClient(stack.CreateChannel())
            .CreateCommitmentAsync(CreateCommitment(ebor.Name, "autumn", Deployment(commitmentPence)));

        var outcomes = await RaceAsync(racers, (commitments, i) => commitments.RecordSpendAsync(Spend(commitment.Name, eachPence, $"INV-{i}")).ResponseAsync);

        Assert.Equal(fit, outcomes.Count(o => o.Result is not null));
        Assert.All(outcomes.Where(o => o.Refusal is not null), o => Assert.Contains(
            $"has {commitmentPence - fit * eachPence} pence", Precondition(o.Refusal!).Description));
        var (stored, rebuilt) = await stack.BalancesAsync();
        Assert.Equal(rebuilt, stored);
        Assert.Equal((fit * eachPence, commitmentPence - fit * eachPence), (stored[$"{commitment.Name}#spent"], stored[$"{commitment.Name}#balance"]));
    }
}
