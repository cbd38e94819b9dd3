using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.Grpc.Tests.Infrastructure;
using Sia.Testing;

namespace Sia.Grpc.Tests.Client;

/// <summary>How the client reports what goes wrong below gRPC, and its own limits.</summary>
public sealed class ChannelTests
{
    [Fact]
    public async Task No_server_listening_is_unavailable()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{PeerProcess.FreePort()}");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new TestService.TestServiceClient(channel).EmptyCallAsync(new Empty()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Theory]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(418, StatusCode.Unknown)]
    public async Task An_HTTP_error_without_grpc_status_maps_to_its_status_code(int httpStatus, StatusCode expected)
    {
        await using var plain = await StartPlainHttp2Async(context =>
        {
            context.Response.StatusCode = httpStatus;
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(plain.Urls.First());

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new TestService.TestServiceClient(channel).EmptyCallAsync(new Empty()));

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(), error.Status.Detail);
    }

    [Fact]
    public async Task A_stream_reset_by_the_server_maps_to_its_error_code()
    {
        await using var plain = await StartPlainHttp2Async(context =>
        {
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResetFeature>()!.Reset(errorCode: 0xb); // ENHANCE_YOUR_CALM
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(plain.Urls.First());

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new TestService.TestServiceClient(channel).EmptyCallAsync(new Empty()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task A_deadline_already_past_fails_without_calling()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{PeerProcess.FreePort()}");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).EmptyCallAsync(new Empty(), deadline: DateTime.UtcNow.AddSeconds(-1)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task A_response_over_the_clients_limit_is_resource_exhausted()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 2000 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Client_interceptors_wrap_calls_in_order()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var seen = new List<string>();
        var invoker = channel.Intercept(new HeaderInterceptor("first", seen), new HeaderInterceptor("second", seen));
        var metadata = new Metadata { { "x-grpc-test-echo-initial", "unchanged" } };

        var call = new TestService.TestServiceClient(invoker).UnaryCallAsync(new SimpleRequest(), metadata);
        await call;

        Assert.Equal(["first", "second"], seen);
        Assert.Equal("unchanged", (await call.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
    }

    [Fact]
    public async Task AddGrpcClient_resolves_the_address_from_aspire_service_configuration()
    {
        await using var server = await TestServer.StartAsync();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["services:interop:http:0"] = server.Address.ToString() })
                .Build());
        services.AddGrpcClient<TestService.TestServiceClient>(o => o.Address = new Uri("http://interop"));
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<TestService.TestServiceClient>().UnaryCallAsync(new SimpleRequest { ResponseSize = 4 });

        Assert.Equal(4, response.Payload.Body.Length);
    }

    private static async Task<WebApplication> StartPlainHttp2Async(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(PeerProcess.FreePort(), l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }

    private sealed class HeaderInterceptor(string name, List<string> seen) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            seen.Add(name);
            return continuation(request, context);
        }
    }
}
