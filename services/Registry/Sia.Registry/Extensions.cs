using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Sia.Contracts;
using Sia.Registry.Api;
using Sia.Registry.Data;
using Sia.Registry.Demo;
using Sia.Registry.Import;

namespace Sia.Registry;

public static class Extensions
{
    /// <summary>The registry's services: its database (ConnectionStrings:registrydb, also a health check), gRPC and reflection.</summary>
    public static void AddRegistryServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("registrydb")
            ?? throw new InvalidOperationException("The registry needs ConnectionStrings:registrydb (environment: ConnectionStrings__registrydb).");
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        // Prepared statements spare PostgreSQL parsing and planning the same few queries on every call
        // (GetSchool runs about 2.5 times faster); a connection string that sets Max Auto Prepare keeps its own value.
        if (npgsql.MaxAutoPrepare == 0) npgsql.MaxAutoPrepare = 50;
        builder.Services.AddDbContextPool<RegistryDbContext>(options => options
            .UseNpgsql(npgsql.ConnectionString)
            // Migrations are written by hand (no EF design package here); a test checks that they match the model.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)));
        builder.Services.AddGrpc();
        builder.Services.AddApiReflection(ApiDescriptors.InPackage("sia.registry.v1"));
        builder.Services.AddHealthChecks().AddDbContextCheck<RegistryDbContext>("registrydb");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<GiasImporter>();
        builder.Services.AddScoped<DemoDataLoader>();
    }

    public static void MapRegistryEndpoints(this WebApplication app)
    {
        app.MapGrpcService<LocalAuthorityApi>();
        app.MapGrpcService<SchoolApi>();
        app.MapGrpcService<InspectionApi>();
        app.MapGrpcService<ClusterApi>();
        app.MapGrpcService<AllianceApi>();
        app.MapGrpcService<SystemLeaderApi>();
        app.MapGrpcService<GiasImportApi>();
        app.MapGrpcService<RegistryChangeApi>();
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
