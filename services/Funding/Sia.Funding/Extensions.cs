using Sia.Contracts;
using Sia.Funding.Data;
using Sia.Funding.Domain.Allocations;
using Sia.Funding.Domain.Commitments;
using Sia.Funding.Domain.Funds;
using Sia.Funding.Domain.Accounting;
using Sia.Funding.Grpc;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Data;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Funding;

public static class Extensions
{
    /// <summary>
    /// The funding service's services: its database (ConnectionStrings:fundingdb) through Aspire's client integration,
    /// gRPC with domain errors answered as rich errors, reflection, and the funds', allocations', commitments' and ledger's domain.
    /// </summary>
    public static void AddFundingServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<FundingDbContext>("fundingdb",
            settings =>
            {
                settings.ConnectionString = AutoPrepare.On(settings.ConnectionString);
                // As the other services: creates save through CreateRequestLog, whose races EF's retrying strategy cannot replay.
                settings.DisableRetry = true;
            });
        builder.Services.AddGrpc(options => options.Interceptors.Add<DomainErrorInterceptor>());
        builder.Services.AddApiReflection(ApiDescriptors.InPackage("sia.funding.v1"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(ResponseBudget.From(builder.Configuration, "Funding:MaxResponseBytes"));
        builder.Services.AddScoped(services => new CreateRequestLog(services.GetRequiredService<FundingDbContext>(), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<KeyedGates>();
        builder.Services.AddScoped<FundLocks>();
        builder.Services.AddScoped<Ledger>();
        builder.Services.AddScoped<LedgerCheck>();
        builder.Services.AddScoped<Funds>();
        builder.Services.AddScoped<Allocations>();
        builder.Services.AddScoped<Commitments>();
    }

    public static void MapFundingEndpoints(this WebApplication app)
    {
        app.MapGrpcServiceParsingStrictly<FundGrpcService>();
        app.MapGrpcServiceParsingStrictly<AllocationGrpcService>();
        app.MapGrpcServiceParsingStrictly<CommitmentGrpcService>();
        app.MapGrpcReflectionService();
    }

    /// <summary>Brings the database schema up to date, with the ledger's guards; instances starting together take turns.</summary>
    public static async Task MigrateFundingDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await FundingMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<FundingDbContext>());
    }
}
