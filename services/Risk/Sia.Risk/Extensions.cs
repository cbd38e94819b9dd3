using Sia.Contracts;
using Sia.Risk.Data;
using Sia.Risk.Demo;
using Sia.Risk.ReadModel;
using Sia.ServiceDefaults;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.Domain.Frameworks;
using Sia.Risk.Domain.Notifications;
using Sia.Risk.Domain.Priorities;
using Sia.Risk.Domain.SupportPlans;
using Sia.Risk.Grpc;
using Sia.Risk.Import;
using Sia.ServiceKit.Data;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Risk;

public static class Extensions
{
    /// <summary>
    /// The risk service's services: its database (ConnectionStrings:riskdb) through Aspire's client integration, gRPC with
    /// domain errors answered as rich errors, reflection, the domain, and the read model of the registry.
    /// </summary>
    public static void AddRiskServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<RiskDbContext>("riskdb",
            settings =>
            {
                settings.ConnectionString = AutoPrepare.On(settings.ConnectionString);
                // Writes run in explicit transactions that lock rows: EF's retrying strategy cannot replay them (see the registry).
                settings.DisableRetry = true;
            });
        builder.Services.AddGrpc(options => options.Interceptors.Add<DomainErrorInterceptor>());
        builder.Services.AddApiReflection(ApiDescriptors.InPackage("sia.risk.v1"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(ResponseBudget.From(builder.Configuration, "Risk:MaxResponseBytes"));
        builder.Services.AddScoped(services => new CreateRequestLog(services.GetRequiredService<RiskDbContext>(), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<Frameworks>();
        builder.Services.AddScoped<Priorities>();
        builder.Services.AddScoped<IndicatorImporter>();
        builder.Services.AddScoped<ScrutinyNotifications>();
        builder.Services.AddScoped<Assessments>();
        builder.Services.AddScoped<AssessmentRounds>();
        builder.Services.AddScoped<InspectionRecompute>();
        builder.Services.AddHostedService<InspectionRecomputer>();
        builder.Services.AddScoped<SchoolAccess>();
        builder.Services.AddScoped<SupportPlans>();
        builder.Services.AddCommitListener<RiskDbContext>(NotificationCommits.Log, NotificationCommits.OptionsSection);
        builder.AddRegistryReadModel();
        if (builder.Configuration.GetValue<bool?>("Risk:LoadDemoData") ?? builder.Environment.IsDevelopment())
            builder.Services.AddHostedService<RiskDemoLoader>();
    }

    public static void MapRiskEndpoints(this WebApplication app)
    {
        app.MapGrpcServiceParsingStrictly<FrameworkGrpcService>();
        app.MapGrpcServiceParsingStrictly<IndicatorImportGrpcService>();
        app.MapGrpcServiceParsingStrictly<NotificationGrpcService>();
        app.MapGrpcServiceParsingStrictly<AssessmentGrpcService>();
        app.MapGrpcServiceParsingStrictly<PriorityGrpcService>();
        app.MapGrpcServiceParsingStrictly<SupportPlanGrpcService>();
        app.MapGrpcReflectionService();
    }

    /// <summary>Brings the database schema up to date; instances starting together take turns.</summary>
    public static async Task MigrateRiskDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await RiskMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<RiskDbContext>());
    }
}
