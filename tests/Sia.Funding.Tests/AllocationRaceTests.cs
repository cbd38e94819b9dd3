using Grpc.Core;
using Sia.Funding.V1;
using static Sia.Funding.Tests.York;

namespace Sia.Funding.Tests;

/// <summary>A fund is never over-allocated, however many allocations race for it.</summary>
public sealed class AllocationRaceTests(FundingStack stack) : IClassFixture<FundingStack>
{
    [Fact]
    public async Task Two_hundred_concurrent_allocations_take_exactly_the_largest_sum_that_fits_and_each_refusal_says_what_was_left()
    {
        const long fundPence = 1_000_000, eachPence = 7_000;
        const int racers = 200, fit = (int)(fundPence / eachPence); // 142, leaving 6,000
        var funds = new FundService.FundServiceClient(stack.CreateChannel());
        var fund = await funds.CreateFundAsync(CreateFund("raced", Commissioning(fundPence)));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, racers).Select(i => Task.Run(async () =>
        {
            var allocations = new AllocationService.AllocationServiceClient(stack.CreateChannel());
            try
            {
                return (Allocation: await allocations.CreateAllocationAsync(CreateAllocation(fund.Name, $"racer-{i}", To("alliances/ebor", eachPence))), Refusal: (RpcException?)null);
            }
            catch (RpcException refusal)
            {
                return (Allocation: (Allocation?)null, Refusal: refusal);
            }
        })));

        Assert.Equal(fit, outcomes.Count(o => o.Allocation is not null));
        Assert.All(outcomes.Where(o => o.Refusal is not null), o => Assert.Contains(
            $"has {fundPence - fit * eachPence} pence", Precondition(o.Refusal!).Description));
        Assert.Equal(fundPence - fit * eachPence, (await funds.GetFundAsync(new GetFundRequest { Name = fund.Name })).UnallocatedPence);
        var (stored, rebuilt) = await stack.BalancesAsync();
        Assert.Equal(rebuilt, stored);
    }
}
