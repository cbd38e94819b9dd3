using Grpc.Core;
using Sia.Funding.V1;

namespace Sia.Stack.Tests;

/// <summary>The funding service behind the gateway: York's finance key creates and reads a York fund; a key without a funding scope is refused at the gateway.</summary>
[Collection(StackCollection.Name)]
public sealed class FundingThroughGatewayTests(StackFixture stack)
{
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private FundService.FundServiceClient Funds => new(stack.Gateway);

    [Fact]
    public async Task Yorks_finance_key_creates_and_reads_a_York_fund_and_a_key_without_a_funding_scope_is_refused()
    {
        var finance = StackFixture.Bearer(StackFixture.YorkFinanceKey);
        var created = await Funds.CreateFundAsync(new CreateFundRequest
        {
            Parent = "localAuthorities/816",
            FundId = $"stack-{Guid.NewGuid():N}"[..24],
            Fund = new Fund
            {
                FinancialYear = "2015-16",
                Source = Fund.Types.Source.DsgDeDelegation,
                Purpose = "Schools Causing Concern",
                AmountPence = 20_000_000,
                SchoolsForumDecision = "Schools Forum, 12 March 2015: de-delegated by the maintained schools' members.",
            },
            RequestId = Guid.NewGuid().ToString(),
        }, finance, Deadline, Cancellation);
        var read = await Funds.GetFundAsync(new GetFundRequest { Name = created.Name }, finance, Deadline, Cancellation);
        var cpdKey = await Assert.ThrowsAsync<RpcException>(async () =>
            await Funds.GetFundAsync(new GetFundRequest { Name = created.Name }, StackFixture.Bearer(StackFixture.PathfinderKey), Deadline, Cancellation));

        Assert.Equal((20_000_000L, 20_000_000L), (read.AmountPence, read.UnallocatedPence));
        Assert.Equal(StatusCode.PermissionDenied, cpdKey.StatusCode);
        Assert.Contains("FundService/GetFund", cpdKey.Status.Detail);
    }
}
