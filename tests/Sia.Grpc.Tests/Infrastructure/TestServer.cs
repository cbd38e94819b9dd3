using Grpc.Net.Client;
using Sia.Grpc.Interop;

namespace Sia.Grpc.Tests.Infrastructure;

/// <summary>The interop server (plus whatever a test adds) on a real Kestrel h2c port on loopback.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the interop server, with whatever <paramref name="configure"/> adds.</summary>
    public static Task<TestServer> StartAsync(Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(InteropServer.Build(0, configure));

    /// <summary>Starts a host that serves the given services (plus health and reflection).</summary>
    public static Task<TestServer> StartAsync(Action<WebApplicationBuilder>? configure, Action<WebApplication> mapServices) =>
        StartAsync(InteropServer.BuildHost(0, configure, mapServices));

    private static async Task<TestServer> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return new TestServer(app, InteropServer.BoundPort(app));
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    /// <summary>An HttpClient that speaks h2c to the server, for sending hand-made requests.</summary>
    public HttpClient CreateRawClient() => new(new SocketsHttpHandler()) { BaseAddress = Address, DefaultRequestVersion = new Version(2, 0), DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
