using System.Net;
using Grpc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.Grpc.Tests.Infrastructure;
using Sia.Testing;
using static Sia.Grpc.Tests.Infrastructure.RawGrpc;

namespace Sia.Grpc.Tests.Server;

/// <summary>What the server answers at the HTTP/2 level, checked on the wire with hand-made requests.</summary>
public sealed class ServerProtocolTests : IAsyncLifetime
{
    private readonly int _http1Port = PeerProcess.FreePort();
    private TestServer _server = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(builder => builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, _http1Port, listen => listen.Protocols = HttpProtocols.Http1)));
        _client = _server.CreateRawClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task An_HTTP_1_1_request_gets_426_with_an_internal_status()
    {
        using var http1 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_http1Port}") };
        var response = await PostAsync(http1, "/grpc.testing.TestService/EmptyCall", Frame(new Empty()), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.Message.StatusCode);
        Assert.Equal("13", response.GrpcStatus);
        Assert.Equal("Request protocol 'HTTP/1.1' is not supported.", response.GrpcMessage);
    }

    [Fact]
    public async Task A_request_that_is_not_grpc_gets_415()
    {
        var response = await PostAsync(_client, "/grpc.testing.TestService/EmptyCall", Frame(new Empty()), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Message.StatusCode);
        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("application/json", response.GrpcMessage);
    }

    [Fact]
    public async Task An_unknown_request_encoding_is_unimplemented_and_names_the_supported_ones()
    {
        var response = await PostAsync(_client, "/grpc.testing.TestService/EmptyCall", Frame(new Empty()), headers: [("grpc-encoding", "snappy")]);

        Assert.Equal("12", response.GrpcStatus);
        Assert.Equal("identity,gzip", response.Header("grpc-accept-encoding"));
        Assert.Contains("snappy", response.GrpcMessage);
    }

    [Fact]
    public async Task An_immediate_error_is_trailers_only()
    {
        var response = await PostAsync(_client, "/grpc.testing.TestService/UnimplementedCall", Frame(new Empty()));

        Assert.True(response.IsTrailersOnly);
        Assert.Empty(response.Body);
        Assert.Empty(response.Message.TrailingHeaders);
        Assert.Equal("12", response.GrpcStatus);
        Assert.Equal("application/grpc", response.Message.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_services_and_methods_are_unimplemented_with_different_messages()
    {
        var method = await PostAsync(_client, "/grpc.testing.TestService/NoSuchMethod", Frame(new Empty()));
        var service = await PostAsync(_client, "/no.such.Service/Method", Frame(new Empty()));

        Assert.Equal(("12", "Method is unimplemented."), (method.GrpcStatus, method.GrpcMessage));
        Assert.Equal(("12", "Service is unimplemented."), (service.GrpcStatus, service.GrpcMessage));
    }

    [Fact]
    public async Task The_status_message_is_percent_encoded_on_the_wire()
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = "50% done ☺\n" } };
        var response = await PostAsync(_client, "/grpc.testing.TestService/UnaryCall", Frame(request));

        Assert.Equal("2", response.GrpcStatus);
        Assert.Equal("50%25 done %E2%98%BA%0A", response.GrpcMessage);
    }

    [Fact]
    public async Task The_server_ends_a_call_past_its_grpc_timeout_with_deadline_exceeded()
    {
        // A duplex call whose request stream never ends: only the deadline can end it.
        var content = new StreamingContent();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/grpc.testing.TestService/FullDuplexCall")
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");

        using var message = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(30));
        var response = new Response(message, await message.Content.ReadAsByteArrayAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("4", response.GrpcStatus);
        content.Complete();
    }

    /// <summary>Request content that stays open until completed.</summary>
    private sealed class StreamingContent : HttpContent
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Complete() => _done.TrySetResult();
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _done.Task;
        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
