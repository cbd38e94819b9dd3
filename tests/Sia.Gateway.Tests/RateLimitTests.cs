using System.Diagnostics;
using Grpc.Core;
using Sia.Registry.V1;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>A gateway allowing each partner 2 calls a second in bursts of up to 3.</summary>
public sealed class RateLimitedStack(PostgresServer postgres) : GatewayStack(postgres)
{
    public const int PermitsPerSecond = 2;
    public const int Burst = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:RateLimit:PermitsPerSecond"] = PermitsPerSecond.ToString(),
        ["Gateway:RateLimit:Burst"] = Burst.ToString(),
    };
}

public sealed class RateLimitTests(RateLimitedStack stack) : IClassFixture<RateLimitedStack>
{
    private static readonly GetSchoolRequest Minster = new() { Name = "schools/990001" };

    [Fact]
    public async Task A_partner_over_its_limit_gets_RESOURCE_EXHAUSTED_saying_when_to_retry_others_do_not_and_it_recovers()
    {
        var schools = new SchoolService.SchoolServiceClient(stack.CreateChannel());
        var clock = Stopwatch.StartNew();
        var succeeded = 0;
        RpcException? refused = null;
        while (refused is null && succeeded < 20)
        {
            try
            {
                await schools.GetSchoolAsync(Minster, TestPartners.Bearer(TestPartners.FullKey), DateTime.UtcNow.AddSeconds(30));
                succeeded++;
            }
            catch (RpcException e)
            {
                refused = e;
            }
        }
        var raw = await UntilRefusedAsync(("authorization", $"Bearer {TestPartners.FullKey}"));
        var other = await schools.GetSchoolAsync(Minster, TestPartners.Bearer(TestPartners.ReaderKey), DateTime.UtcNow.AddSeconds(30));
        School? again = null;
        await Until.TrueAsync(async () =>
        {
            try
            {
                again = await schools.GetSchoolAsync(Minster, TestPartners.Bearer(TestPartners.FullKey), DateTime.UtcNow.AddSeconds(30));
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return false;
            }
        }, "the bucket to refill");

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Matches(@"^Partner 'Full Partner' is over its rate limit of 2 calls a second \(bursts of 3\); retry after \d+ ms\.$", refused.Status.Detail);
        // The burst, plus whatever the bucket refilled while the calls ran.
        Assert.InRange(succeeded, RateLimitedStack.Burst, RateLimitedStack.Burst + RateLimitedStack.PermitsPerSecond * (int)Math.Ceiling(clock.Elapsed.TotalSeconds));
        raw.AssertTrailersOnly(StatusCode.ResourceExhausted);
        Assert.InRange(int.Parse(raw.Headers["grpc-retry-pushback-ms"]), 1, 1000);
        Assert.Equal(Minster.Name, other.Name);
        Assert.Equal(Minster.Name, again!.Name);
    }

    private async Task<RawResponse> UntilRefusedAsync((string, string) authorization)
    {
        for (var i = 0; i < 20; i++)
        {
            var response = await RawGrpc.CallAsync(stack.Gateway.Address, "/sia.registry.v1.SchoolService/GetSchool", Minster, authorization);
            if (response.Headers.ContainsKey("grpc-status")) return response;
        }
        throw new Xunit.Sdk.XunitException("20 calls in a row were let through.");
    }
}
