using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Sia.Grpc.Tests.Infrastructure;
using static Sia.Grpc.Tests.Infrastructure.RawGrpc;

namespace Sia.Grpc.Tests.Server;

/// <summary>Broken and abusive requests get the right status or a reset, and the server keeps serving.</summary>
public sealed class RobustnessTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _connections = new();
    private readonly CapturingLoggerProvider _logs = new();
    private TestServer _server = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(builder =>
        {
            builder.Services.AddSingleton<IStartupFilter>(new ConnectionCounter(_connections));
            builder.Logging.AddProvider(_logs);
        });
        _client = _server.CreateRawClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string, byte[], string> BrokenBodies => new()
    {
        { "truncated frame header", [0, 0, 0], "13" },
        { "length prefix larger than the body", Frame(new byte[10], declaredLength: 100), "13" },
        { "message over the 4 MB limit", Frame(new byte[10], declaredLength: 5 * 1024 * 1024), "8" },
        { "garbage protobuf", Frame([0xff, 0xff, 0xff, 0xff, 0xff]), "13" },
        { "unknown message flag", Frame(new byte[3], flag: 7), "13" },
        { "compressed flag on an identity call", Frame(new byte[3], flag: 1), "13" },
        { "two messages on a unary call", [.. Frame(new SimpleRequest()), .. Frame(new SimpleRequest())], "13" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_broken_request_gets_a_status_and_the_server_keeps_serving(string what, byte[] body, string expectedStatus)
    {
        var response = await PostAsync(_client, "/grpc.testing.TestService/UnaryCall", body).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(expectedStatus == response.GrpcStatus, $"{what}: expected grpc-status {expectedStatus}, got {response.GrpcStatus} ({response.GrpcMessage})");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_real_message_over_the_limit_is_resource_exhausted()
    {
        using var channel = _server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);
        var large = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) } };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryCallAsync(large));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_client_stream_longer_than_Kestrels_body_limit_is_received_whole()
    {
        using var channel = _server.CreateChannel();
        using var call = new TestService.TestServiceClient(channel).StreamingInputCall();
        var message = new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[1024 * 1024]) } };
        for (var i = 0; i < 40; i++) await call.RequestStream.WriteAsync(message); // 40 MB; Kestrel's default limit is 30 MB
        await call.RequestStream.CompleteAsync();

        Assert.Equal(40 * 1024 * 1024, (await call.ResponseAsync).AggregatedPayloadSize);
    }

    [Fact]
    public async Task A_client_that_disappears_mid_stream_does_not_disturb_the_server()
    {
        for (var i = 0; i < 20; i++)
        {
            using var channel = _server.CreateChannel();
            var client = new TestService.TestServiceClient(channel);
            var call = client.FullDuplexCall();
            var request = new StreamingOutputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[1000]) } };
            request.ResponseParameters.Add(new ResponseParameters { Size = 100 });
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            channel.Dispose(); // the connection goes with the call still open
        }
        await AssertStillServingAsync();
        Assert.Empty(_logs.Errors); // a client going away is not a server error
    }

    [Fact]
    public async Task A_thousand_concurrent_streams_on_one_connection_all_complete()
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false };
        using var channel = _server.CreateChannel(new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        var client = new TestService.TestServiceClient(channel);
        _connections.Clear();
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opened = 0;

        async Task OneStreamAsync()
        {
            using var call = client.FullDuplexCall();
            var request = new StreamingOutputCallRequest();
            request.ResponseParameters.Add(new ResponseParameters { Size = 10 });
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            if (Interlocked.Increment(ref opened) == 1000) allOpen.TrySetResult();
            await allOpen.Task; // every stream stays open until all thousand are
            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        }

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => OneStreamAsync())).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Single(_connections);
        Assert.Equal(1000, _connections.Values.Single());
    }

    private async Task AssertStillServingAsync()
    {
        using var channel = _server.CreateChannel();
        var response = await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 10 });
        Assert.Equal(10, response.Payload.Body.Length);
    }

    /// <summary>Counts requests per connection id.</summary>
    private sealed class ConnectionCounter(ConcurrentDictionary<string, int> connections) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                connections.AddOrUpdate(context.Connection.Id, 1, (_, count) => count + 1);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
