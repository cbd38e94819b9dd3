using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Sia.Grpc.Interop;

/// <summary>Hosts TestService (plus health and reflection) on an h2c port.</summary>
public static class InteropServer
{
    public static async Task<int> RunAsync(InteropFlags flags)
    {
        var port = flags.RequireInt("port");
        if (flags.Get("use_tls", "false") != "false")
        {
            Console.Error.WriteLine("--use_tls=true is not supported by this interop server; run it plaintext.");
            return 2;
        }
        await using var app = Build(port);
        await app.StartAsync();
        Console.WriteLine($"listening on {BoundPort(app)}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The port the started app listens on (the real one when asked for port 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "localhost")).Port;
    }

    /// <summary>A quiet web host listening with HTTP/2 only (h2c) on the port, on every address.</summary>
    public static WebApplicationBuilder CreateH2cBuilder(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.IPv6Any, port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.Http2.MaxStreamsPerConnection = 2000;
        });
        return builder;
    }

    /// <summary>The interop server: TestService, health and reflection on an h2c port.</summary>
    public static WebApplication Build(int port, Action<WebApplicationBuilder>? configure = null) =>
        BuildHost(port, configure, app => app.MapGrpcService<TestServiceImpl>());

    /// <summary>An h2c gRPC host with health and reflection; <paramref name="mapServices"/> maps the services it serves.</summary>
    public static WebApplication BuildHost(int port, Action<WebApplicationBuilder>? configure, Action<WebApplication> mapServices)
    {
        var builder = CreateH2cBuilder(port);
        builder.Services.AddGrpc();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        configure?.Invoke(builder);

        var app = builder.Build();
        mapServices(app);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
