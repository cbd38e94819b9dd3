using Sia.Contracts;
using Sia.Cpd.Data;
using Sia.Cpd.Demo;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.Domain.Certificates;
using Sia.Cpd.Domain.Charges;
using Sia.Cpd.Domain.Courses;
using Sia.Cpd.Domain.Evaluations;
using Sia.Cpd.Domain.Programmes;
using Sia.Cpd.Domain.Sessions;
using Sia.Cpd.Grpc;
using Sia.Cpd.Registry;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Data;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Cpd;

public static class Extensions
{
    /// <summary>
    /// The CPD service's services: its database (ConnectionStrings:cpddb) through Aspire's client integration, gRPC with
    /// domain errors answered as rich errors, reflection, the catalogue's and bookings' domain (with evaluations,
    /// certificates and their signing key, Cpd:Certificates, and charges), and the registry's client.
    /// </summary>
    public static void AddCpdServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<CpdDbContext>("cpddb",
            settings =>
            {
                settings.ConnectionString = AutoPrepare.On(settings.ConnectionString);
                // As the risk service: creates save through CreateRequestLog, whose races EF's retrying strategy cannot replay.
                settings.DisableRetry = true;
            });
        builder.Services.AddGrpc(options => options.Interceptors.Add<DomainErrorInterceptor>());
        builder.Services.AddApiReflection(ApiDescriptors.InPackage("sia.cpd.v1"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(ResponseBudget.From(builder.Configuration, "Cpd:MaxResponseBytes"));
        builder.Services.AddScoped(services => new CreateRequestLog(services.GetRequiredService<CpdDbContext>(), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<Programmes>();
        builder.Services.AddScoped<Courses>();
        builder.Services.AddScoped<Sessions>();
        builder.Services.AddOptions<BookingOptions>().BindConfiguration(BookingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<KeyedGates>();
        builder.Services.AddScoped<SessionLocks>();
        builder.Services.AddScoped<Bookings>();
        builder.Services.AddScoped<LapsedHolds>();
        builder.Services.AddScoped<BookingChanges>();
        builder.Services.AddHostedService<HoldSweeper>();
        builder.Services.AddScoped<BookingSchools>();
        builder.Services.AddScoped<Evaluations>();
        builder.Services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section).ValidateDataAnnotations()
            .Validate(options => CertificateSigner.IsP256PrivateKey(options.PrivateKeyPem),
                $"{CertificateOptions.Section}:PrivateKeyPem is not an ECDSA P-256 private key in PEM.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CertificateSigner>();
        builder.Services.AddScoped<Certificates>();
        builder.Services.AddScoped<Charges>();
        builder.AddRegistryClient();
        if (builder.Configuration.GetValue<bool?>("Cpd:LoadDemoData") ?? builder.Environment.IsDevelopment())
            builder.Services.AddHostedService<CpdDemoLoader>();
    }

    public static void MapCpdEndpoints(this WebApplication app)
    {
        app.MapGrpcServiceParsingStrictly<ProgrammeGrpcService>();
        app.MapGrpcServiceParsingStrictly<CourseGrpcService>();
        app.MapGrpcServiceParsingStrictly<SessionGrpcService>();
        app.MapGrpcServiceParsingStrictly<BookingGrpcService>();
        app.MapGrpcServiceParsingStrictly<EvaluationGrpcService>();
        app.MapGrpcServiceParsingStrictly<CertificateGrpcService>();
        app.MapGrpcServiceParsingStrictly<ChargeGrpcService>();
        app.MapGrpcReflectionService();
    }

    /// <summary>Brings the database schema up to date; instances starting together take turns.</summary>
    public static async Task MigrateCpdDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await CpdMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<CpdDbContext>());
    }
}
