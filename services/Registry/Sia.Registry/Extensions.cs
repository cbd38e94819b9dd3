using Microsoft.EntityFrameworkCore;
using Sia.Contracts;
using Sia.Registry.Data;
using Sia.Registry.Demo;
using Sia.Registry.Domain;
using Sia.Registry.Grpc;
using Sia.Registry.Import;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry;

public static class Extensions
{
    /// <summary>
    /// The registry's services: its database (ConnectionStrings:registrydb) through Aspire's client integration (DbContext
    /// pooling, a health check, Npgsql traces and metrics), gRPC with domain errors answered as rich errors, reflection, and
    /// the domain.
    /// </summary>
    public static void AddRegistryServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<RegistryDbContext>("registrydb",
            settings =>
            {
                settings.ConnectionString = AutoPrepare.On(settings.ConnectionString);
                // Writes run in explicit transactions that lock rows; EF's retrying strategy cannot retry those without
                // re-running their whole body, and a commit of unknown outcome must not be replayed. Callers retry instead,
                // with request_id where a create could be repeated.
                settings.DisableRetry = true;
            });
        builder.Services.AddGrpc(options => options.Interceptors.Add<DomainErrorInterceptor>());
        builder.Services.AddApiReflection(ApiDescriptors.InPackage("sia.registry.v1"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(ResponseBudget.From(builder.Configuration, "Registry:MaxResponseBytes"));
        builder.Services.AddScoped(services => new CreateRequestLog(services.GetRequiredService<RegistryDbContext>(), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<LocalAuthorities>();
        builder.Services.AddScoped<Schools>();
        builder.Services.AddScoped<Clusters>();
        builder.Services.AddScoped<Alliances>();
        builder.Services.AddScoped<AllianceMemberships>();
        builder.Services.AddScoped<SystemLeaders>();
        builder.Services.AddScoped<Inspections>();
        builder.Services.AddScoped<ChangeFeed>();
        builder.Services.AddCommitListener<RegistryDbContext>(ChangeLogCommits.Log, ChangeLogCommits.OptionsSection);
        builder.Services.AddScoped<GiasImporter>();
        builder.Services.AddScoped<DemoDataLoader>();
    }

    public static void MapRegistryEndpoints(this WebApplication app)
    {
        app.MapGrpcServiceParsingStrictly<LocalAuthorityGrpcService>();
        app.MapGrpcServiceParsingStrictly<SchoolGrpcService>();
        app.MapGrpcServiceParsingStrictly<InspectionGrpcService>();
        app.MapGrpcServiceParsingStrictly<ClusterGrpcService>();
        app.MapGrpcServiceParsingStrictly<AllianceGrpcService>();
        app.MapGrpcServiceParsingStrictly<SystemLeaderGrpcService>();
        app.MapGrpcServiceParsingStrictly<GiasImportGrpcService>();
        app.MapGrpcServiceParsingStrictly<RegistryChangeGrpcService>();
        app.MapGrpcReflectionService();
    }

    /// <summary>
    /// Brings the database schema up to date, then loads the demo data if asked to (Registry:LoadDemoData, which
    /// defaults to true in the Development environment only). Instances starting together take turns.
    /// </summary>
    public static async Task MigrateRegistryDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var loadDemoData = app.Configuration.GetValue<bool?>("Registry:LoadDemoData") ?? app.Environment.IsDevelopment();
        var demoData = scope.ServiceProvider.GetRequiredService<DemoDataLoader>();
        await RegistryMigrator.MigrateAsync(
            scope.ServiceProvider.GetRequiredService<RegistryDbContext>(),
            loadDemoData ? demoData.LoadAsync : null);
    }
}
