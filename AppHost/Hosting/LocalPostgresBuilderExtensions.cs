using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sia.AppHost.Hosting;

/// <summary>
/// PostgreSQL from the machine's binaries as an Aspire resource, shaped like Aspire.Hosting.PostgreSQL (which needs a
/// container runtime): <c>builder.AddLocalPostgres("postgres").WithDataDirectory(path).AddDatabase("registrydb")</c>.
/// </summary>
public static class LocalPostgresBuilderExtensions
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "local-postgres.sh");

    /// <param name="binDirectory">Where postgres and initdb are (Sia.Hosting.Local's PostgresBinaries finds them).</param>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        string binDirectory)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var server = new LocalPostgresServerResource(name, binDirectory, password, builder.AppHostDirectory)
        {
            DataDirectory = Path.Combine(builder.AppHostDirectory, ".data", name),
        };
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new PostgresReadyHealthCheck(server, null), null, null));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, (@event, cancellationToken) =>
            LocalPostgresDatabases.CreateAsync(server, @event.Services, cancellationToken));

        return builder.AddResource(server)
            // Not proxied: postgres listens on the port itself (a free one Aspire picks), so no client is accepted by a
            // proxy, and parked, before postgres listens.
            .WithEndpoint(scheme: "tcp", name: LocalPostgresServerResource.PrimaryEndpointName, isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(Script);
                context.Args.Add(server.BinDirectory);
                context.Args.Add(server.DataDirectory);
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                foreach (var setting in server.Settings)
                {
                    context.Args.Add("-c");
                    context.Args.Add(setting);
                }
            })
            .WithEnvironment("LOCAL_POSTGRES_PASSWORD", password)
            .OnBeforeResourceStarted((resource, @event, _) => LocalPostgresDatabases.OnServerStartingAsync(resource, @event.Services))
            .OnResourceStopped((resource, @event, _) => LocalPostgresDatabases.PublishStateAsync(resource, @event.Services, KnownResourceStates.Finished))
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>PGDATA, relative to the AppHost's folder; initdb makes it on first run and it is kept across runs.</summary>
    public static IResourceBuilder<LocalPostgresServerResource> WithDataDirectory(this IResourceBuilder<LocalPostgresServerResource> builder, string path)
    {
        builder.Resource.DataDirectory = Path.GetFullPath(Path.Combine(builder.ApplicationBuilder.AppHostDirectory, path));
        return builder;
    }

    /// <summary>A server setting, <c>postgres -c name=value</c> (fsync=off for a throwaway cluster, say).</summary>
    public static IResourceBuilder<LocalPostgresServerResource> WithSetting(this IResourceBuilder<LocalPostgresServerResource> builder, string name, string value)
    {
        builder.Resource.Settings.Add($"{name}={value}");
        return builder;
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> builder,
        [ResourceName] string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(name, database.DatabaseName);
        var healthCheck = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(healthCheck, _ => new PostgresReadyHealthCheck(builder.Resource, database), null, null));
        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithIconName("Database")
            .WithHealthCheck(healthCheck);
    }
}
