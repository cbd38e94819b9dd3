using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.Registry;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>
/// The real registry, as its Program.cs runs it (ServiceDefaults' /health included, and the demo data), on Kestrel h2c over
/// its own test database. It records what reaches it, to check what the gateway forwards.
/// </summary>
public sealed class BackendHost(PostgresServer postgres) : IAsyncLifetime
{
    public const string CallIdHeader = "x-test-call-id";

    private WebApplication _app = null!;
    private string _connectionString = "";

    public Uri Address { get; private set; } = null!;
    public ConcurrentDictionary<string, ReceivedCall> Calls { get; } = new();
    /// <summary>Each GET /health: its protocol and the status answered, e.g. "HTTP/2 200".</summary>
    public ConcurrentQueue<string> HealthProbes { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("gateway");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration["ConnectionStrings:registrydb"] = _connectionString;
        builder.Configuration["Registry:LoadDemoData"] = "true";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.AddRegistryServices();
        _app = builder.Build();
        await _app.MigrateRegistryDatabaseAsync();
        _app.Use(async (context, next) =>
        {
            if (context.Request.Headers[CallIdHeader] is [{ } id]) Calls[id] = ReceivedCall.From(context.Request);
            await next(context);
            if (context.Request.Path == "/health") HealthProbes.Enqueue($"{context.Request.Protocol} {context.Response.StatusCode}");
        });
        _app.MapDefaultEndpoints();
        _app.MapRegistryEndpoints();
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await postgres.DropDatabaseAsync(_connectionString);
    }
}
