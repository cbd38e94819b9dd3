using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Testing;
using Sia.Grpc.Tests.Infrastructure;
using Status = Grpc.Core.Status;

namespace Sia.Grpc.Tests.Server;

/// <summary>How handler outcomes (exceptions, deadlines, cancellation) and interceptors reach the client.</summary>
public sealed class HandlerBehaviourTests
{
    private static Task<TestServer> StartProbeAsync(Action<GrpcServiceOptions>? options = null, Action<IGrpcServerBuilder>? grpc = null) =>
        TestServer.StartAsync(builder =>
        {
            builder.Services.AddSingleton<ProbeState>();
            var grpcBuilder = builder.Services.AddGrpc(o => options?.Invoke(o));
            grpc?.Invoke(grpcBuilder);
        }, app => app.MapGrpcService<ProbeService>());

    private static SimpleRequest Fail(string how) => new() { ResponseStatus = new EchoStatus { Message = how } };

    [Fact]
    public async Task A_handler_exception_is_unknown_and_does_not_leak_its_message()
    {
        await using var server = await StartProbeAsync();
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnaryCallAsync(Fail(ProbeService.ThrowPlainException)));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public async Task Detailed_errors_show_the_exception_when_turned_on()
    {
        await using var server = await StartProbeAsync(o => o.EnableDetailedErrors = true);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnaryCallAsync(Fail(ProbeService.ThrowPlainException)));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("InvalidOperationException: Could not connect", error.Status.Detail);
    }

    [Fact]
    public async Task A_rich_error_carries_its_field_violations_to_the_client()
    {
        await using var server = await StartProbeAsync();
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnaryCallAsync(Fail(ProbeService.ThrowRichError)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("The school's URN is not valid.", error.Status.Detail);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal(("urn", "A URN has 6 digits."), (violation.Field, violation.Description));
    }

    [Fact]
    public async Task The_handler_sees_the_deadline_and_is_cancelled_when_it_passes()
    {
        await using var server = await StartProbeAsync();
        using var channel = server.CreateChannel();
        var deadline = DateTime.UtcNow.AddMilliseconds(300);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).EmptyCallAsync(new Empty(), deadline: deadline));
        var (seenDeadline, cancelled) = await server.Services.GetRequiredService<ProbeState>().EmptyCallEnded.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(cancelled);
        Assert.InRange(seenDeadline, deadline.AddSeconds(-1), deadline.AddSeconds(1));
    }

    [Fact]
    public async Task The_handler_is_cancelled_when_the_client_cancels()
    {
        await using var server = await StartProbeAsync();
        using var channel = server.CreateChannel();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).EmptyCallAsync(new Empty(), cancellationToken: cts.Token));
        var (seenDeadline, cancelled) = await server.Services.GetRequiredService<ProbeState>().EmptyCallEnded.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(cancelled);
        Assert.Equal(DateTime.MaxValue, seenDeadline);
    }

    [Fact]
    public async Task A_global_interceptor_from_DI_sees_every_call_and_can_set_trailers()
    {
        await using var server = await StartProbeAsync(o => o.Interceptors.Add<RecordingInterceptor>());
        using var channel = server.CreateChannel();

        var call = new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest());
        await call;

        Assert.Equal("yes", call.GetTrailers().GetValue("x-intercepted"));
        Assert.Equal(["/grpc.testing.TestService/UnaryCall"], server.Services.GetRequiredService<ProbeState>().InterceptedMethods);
    }

    [Fact]
    public async Task A_per_service_interceptor_applies_to_that_service_only()
    {
        await using var server = await StartProbeAsync(grpc: g => g.AddServiceOptions<ProbeService>(o => o.Interceptors.Add<DenyingInterceptor>()));
        using var channel = server.CreateChannel();

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest()));
        var health = await new global::Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest());

        Assert.Equal(new Status(StatusCode.PermissionDenied, "Denied by interceptor."), denied.Status);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
