using System.Diagnostics;
using Grpc.Core;
using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>A gateway whose registry is not running: nothing listens on its port.</summary>
public sealed class UnavailableTests
{
    [Fact]
    public async Task A_call_to_a_service_that_is_down_is_UNAVAILABLE_within_two_seconds_naming_the_service()
    {
        await using var gateway = await GatewayHost.StartAsync(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}"));
        var schools = new SchoolService.SchoolServiceClient(gateway.CreateChannel());

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcException>(() => schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/990001" },
            TestPartners.Bearer(TestPartners.FullKey), DateTime.UtcNow.AddSeconds(30)).ResponseAsync);
        var elapsed = clock.Elapsed;
        var raw = await RawGrpc.CallAsync(gateway.Address, "/sia.registry.v1.SchoolService/GetSchool", new GetSchoolRequest(),
            ("authorization", $"Bearer {TestPartners.FullKey}"));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("The registry service is unavailable (could not connect or send the call); retry with backoff.", error.Status.Detail);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
        raw.AssertTrailersOnly(StatusCode.Unavailable);
    }
}
