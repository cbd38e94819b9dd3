using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sia.Grpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Sia.Grpc.Tests.Services;

public sealed class HealthServiceTests
{
    [Fact]
    public async Task The_whole_server_is_serving_when_every_check_is_healthy()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();

        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task An_unhealthy_check_makes_the_server_not_serving_and_watch_reports_it()
    {
        await using var server = await TestServer.StartAsync(builder =>
            builder.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy("connection refused")));
        using var channel = server.CreateChannel();
        var client = new Health.HealthClient(channel);

        var check = await client.CheckAsync(new HealthCheckRequest());
        using var watch = client.Watch(new HealthCheckRequest(), cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(ServingStatus.NotServing, check.Status);
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task An_unknown_service_name_is_not_found()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "sia.nothing.v1.Nothing" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
