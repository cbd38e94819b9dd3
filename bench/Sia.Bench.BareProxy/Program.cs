using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

// A bare YARP proxy: every path to one backend, over HTTP/2 both ways (h2c).
//   dotnet Sia.Bench.BareProxy.dll BACKEND_URL [--urls http://127.0.0.1:PORT]
// BACKEND_URL can also come from the environment variable BAREPROXY_BACKEND.
var backend = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : Environment.GetEnvironmentVariable("BAREPROXY_BACKEND");
if (!Uri.TryCreate(backend, UriKind.Absolute, out _))
{
    Console.Error.WriteLine("usage: Sia.Bench.BareProxy BACKEND_URL [--urls http://127.0.0.1:PORT] (or BAREPROXY_BACKEND=URL)");
    return 2;
}

var builder = WebApplication.CreateBuilder(args.Length > 0 && args[0] == backend ? args[1..] : args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information); // "Now listening on", which the script waits for
// h2c: without TLS, an endpoint that allowed HTTP/1.1 too would speak only HTTP/1.1.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "{**path}" } }],
    [
        new ClusterConfig
        {
            ClusterId = "backend",
            Destinations = new Dictionary<string, DestinationConfig> { ["backend"] = new() { Address = backend } },
            HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact },
        },
    ]);

var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
return 0;
