using Microsoft.Extensions.Options;
using Sia.Registry.V1;

namespace Sia.Risk.ReadModel;

internal static class ReadModelExtensions
{
    /// <summary>
    /// The read model of the registry: its follower (a hosted service) with a client of the registry's change stream, the
    /// applier, the health check that says whether it follows, and the reader the rest of the service uses.
    /// </summary>
    public static void AddRegistryReadModel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistryFollowerOptions>().BindConfiguration(RegistryFollowerOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Address.IsAbsoluteUri, $"{RegistryFollowerOptions.Section}:Address must be an absolute URL, such as http://registry.")
            .Validate(o => o.MaxReconnectDelay >= o.ReconnectDelay, $"{RegistryFollowerOptions.Section}:MaxReconnectDelay must be at least ReconnectDelay.")
            .ValidateOnStart();
        var registry = builder.Services.AddGrpcClient<RegistryChangeService.RegistryChangeServiceClient>((services, client) =>
            client.Address = services.GetRequiredService<IOptions<RegistryFollowerOptions>>().Value.Address);
        // ServiceDefaults gives every HttpClient the standard resilience handler. Its timeouts (10 s an attempt, 30 s in all)
        // run until the response headers: a stream whose headers came with its first change would be cut while idle (this
        // registry sends them at once, see OutageTests); and its retries would stack on the follower's own reconnecting.
        // The method is marked experimental (EXTEXP0001) in Microsoft.Extensions.Http.Resilience 10.11.0; it is the
        // package's way to take them off one client.
#pragma warning disable EXTEXP0001
        registry.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // Pings on the open stream, so that a registry gone without closing the connection (its machine lost) is noticed.
        registry.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        });
        builder.Services.AddScoped<RegistryChangeApplier>();
        builder.Services.AddScoped<RegistryCopy>();
        builder.Services.AddSingleton<RegistryFollowStatus>();
        builder.Services.AddHostedService<RegistryFollower>();
        builder.Services.AddHealthChecks().AddCheck<RegistryFollowerHealthCheck>(RegistryFollowerHealthCheck.Name);
    }
}
