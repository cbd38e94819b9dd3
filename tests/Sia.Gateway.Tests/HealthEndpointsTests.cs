using System.Net;
using Grpc.Health.V1;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>
/// The gateway's own /health, /alive and grpc.health.v1 (ServiceDefaults), for the local orchestrator: no key, no rate
/// limit, and they answer whether or not the services behind the gateway are up.
/// </summary>
public sealed class HealthEndpointsTests
{
    private static readonly Dictionary<string, string?> OneCallASecond = new()
    {
        ["Gateway:RateLimit:PermitsPerSecond"] = "1",
        ["Gateway:RateLimit:Burst"] = "1",
    };

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Answers_healthy_without_a_key_and_without_a_rate_limit(string path)
    {
        await using var gateway = await GatewayHost.StartAsync(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}"), OneCallASecond);
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(new Uri(gateway.Address, path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Serves_grpc_health_without_a_key()
    {
        await using var gateway = await GatewayHost.StartAsync(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}"), OneCallASecond);
        var health = new Health.HealthClient(gateway.CreateChannel());

        for (var i = 0; i < 3; i++)
        {
            var response = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }
}
