using Grpc.Core;
using Sia.Registry.V1;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>A gateway that blocks an address for 2 s after 3 calls from it without a valid key within 2 s.</summary>
public sealed class FailedAuthenticationStack(PostgresServer postgres) : GatewayStack(postgres)
{
    public const int Limit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:FailedAuthentication:Limit"] = Limit.ToString(),
        ["Gateway:FailedAuthentication:Window"] = "00:00:02",
        ["Logging:LogLevel:Default"] = "Information", // as in appsettings.json
    };
}

/// <summary>Calls without a valid key are throttled by client address, and a flood of them cannot flood the log.</summary>
public sealed class FailedAuthenticationTests(FailedAuthenticationStack stack) : IClassFixture<FailedAuthenticationStack>
{
    private static readonly GetSchoolRequest Minster = new() { Name = "schools/990001" };

    [Fact]
    public async Task After_too_many_calls_without_a_valid_key_an_address_is_refused_RESOURCE_EXHAUSTED_for_a_while_but_its_partners_connections_go_on()
    {
        using var partnersConnection = stack.CreateChannel();
        var partner = new SchoolService.SchoolServiceClient(partnersConnection);
        await partner.GetSchoolAsync(Minster, TestPartners.Bearer(TestPartners.FullKey));
        stack.GatewayLogs.Clear();

        var failures = new List<StatusCode>();
        for (var i = 0; i < FailedAuthenticationStack.Limit + 1; i++) failures.Add(await StatusOfNewConnectionAsync("not-a-key"));
        var refused = await RawGrpc.CallAsync(stack.Gateway.Address, "/sia.registry.v1.SchoolService/GetSchool", Minster, ("authorization", "Bearer not-a-key"));
        var validKeyOnANewConnection = await StatusOfNewConnectionAsync(TestPartners.FullKey);
        var onThePartnersConnection = await partner.GetSchoolAsync(Minster, TestPartners.Bearer(TestPartners.FullKey));
        var otherKeyOnThePartnersConnection = await Assert.ThrowsAsync<RpcException>(() =>
            partner.GetSchoolAsync(Minster, TestPartners.Bearer(TestPartners.ReaderKey)).ResponseAsync);
        await Until.TrueAsync(async () => await StatusOfNewConnectionAsync("not-a-key") == StatusCode.Unauthenticated, "the block to end");
        var afterwards = await StatusOfNewConnectionAsync(TestPartners.FullKey);

        Assert.Equal([StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.ResourceExhausted], failures);
        refused.AssertTrailersOnly(StatusCode.ResourceExhausted);
        Assert.Matches(@"^The SIA gateway is refusing new calls from 127\.0\.0\.1 for [12] s: 3 calls from it within 2 s had no valid partner API key\. " +
                       @"Check that you send your whole key as metadata 'authorization: Bearer <key>'\.$", refused.Headers["grpc-message"]);
        Assert.InRange(int.Parse(refused.Headers["grpc-retry-pushback-ms"]), 1, 2000);
        Assert.Equal(StatusCode.ResourceExhausted, validKeyOnANewConnection);
        Assert.Equal(Minster.Name, onThePartnersConnection.Name);
        Assert.Equal(StatusCode.ResourceExhausted, otherKeyOnThePartnersConnection.StatusCode);
        Assert.Equal(StatusCode.OK, afterwards);
        var throttleLines = stack.GatewayLogs.Lines.Where(line => line.Category.EndsWith(".FailedAuthenticationThrottle", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, throttleLines.Count);
        Assert.Equal("Blocking 127.0.0.1 for 00:00:02: 3 calls from it within that time had no valid API key", throttleLines[0].Message);
        Assert.Matches(@"^Unblocked 127\.0\.0\.1: refused \d+ calls from it while it was blocked$", throttleLines[1].Message);
    }

    [Fact]
    public async Task A_thousand_calls_with_a_wrong_key_log_a_few_lines_without_stack_traces()
    {
        var logs = new CapturedLogs();
        // No registry: none of these calls gets past the gateway.
        await using var gateway = await GatewayHost.StartAsync(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}"), new Dictionary<string, string?>
        {
            ["Gateway:FailedAuthentication:Limit"] = "5",
            ["Logging:LogLevel:Default"] = "Information",
        }, logs.AddTo);
        using var channel = gateway.CreateChannel();
        var schools = new SchoolService.SchoolServiceClient(channel);
        logs.Clear();

        var statuses = new List<StatusCode>();
        for (var i = 0; i < 1000; i++)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => schools.GetSchoolAsync(Minster, TestPartners.Bearer("not-a-key")).ResponseAsync);
            statuses.Add(error.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(StatusCode.Unauthenticated, 5).Concat(Enumerable.Repeat(StatusCode.ResourceExhausted, 995)), statuses);
        var lines = logs.Lines.Where(line => line.Category.StartsWith("Sia.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Repeat("Refused a call to /sia.registry.v1.SchoolService/GetSchool with Unauthenticated: unknown API key", 5)
            .Append("Blocking 127.0.0.1 for 00:01:00: 5 calls from it within that time had no valid API key"), lines.Select(line => line.Message));
        Assert.All(lines, line => Assert.Null(line.Exception));
    }

    private async Task<StatusCode> StatusOfNewConnectionAsync(string key)
    {
        using var channel = stack.CreateChannel();
        try
        {
            await new SchoolService.SchoolServiceClient(channel).GetSchoolAsync(Minster, TestPartners.Bearer(key));
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
