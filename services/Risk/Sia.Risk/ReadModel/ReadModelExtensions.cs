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
        // ServiceDefaults gives every HttpClient the standard resilience handler, whose timeouts (10 s an attempt, 30 s in
        // all) would cut the stream, open for as long as the service runs; the follower reconnects by itself. The method is
        // marked experimental (EXTEXP0001) in Microsoft.Extensions.Http.Resilience 10.11.0; it is the package's way to take
        // them off one client.
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
