using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Aspire.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.AppHost.Hosting;

namespace Sia.Stack.Tests;

/// <summary>
/// The stack as the AppHost's own Program.cs starts it, through Aspire.Hosting.Testing: a throwaway PostgreSQL, the
/// registry and the gateway as real processes, and the dashboard, with a known browser token and API key. Ports are
/// random, so it runs beside a developer's own stack. The gateway's rate limit is lowered so a test can trip it, with a
/// partner of its own so that no other test meets the empty bucket.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    /// <summary>The demo partners of the gateway's appsettings.Development.json.</summary>
    public const string DemoKey = "sia-demo-key";
    public const string SchoolsReaderKey = "sia-demo-schools-key";
    public const string YorkKey = "sia-demo-york-key";
    public const string MiddlesbroughKey = "sia-demo-middlesbrough-key";
    public const string PathfinderKey = "sia-demo-pathfinder-key";
    public const string MinsterViewKey = "sia-demo-minster-view-key";
    public const string YorkFinanceKey = "sia-demo-york-finance-key";

    /// <summary>A partner of the tests' own, which may only read a school: the rate limit test empties its bucket.</summary>
    public const string RateLimitedKey = "sia-stack-tests-rate-limited-key";
    public const int PermitsPerSecond = 5, Burst = 20;
    private static readonly TimeSpan GatewayHealthCheckInterval = TimeSpan.FromSeconds(1);
    public static readonly string[] Resources = ["postgres", "registrydb", "riskdb", "cpddb", "fundingdb", "registry", "risk", "cpd", "funding", "gateway"];

    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), $"sia-stack-{Guid.NewGuid():N}");
    private GrpcChannel? _gateway;

    public DistributedApplication App { get; private set; } = null!;
    public string BrowserToken { get; } = Guid.NewGuid().ToString("N");
    public DashboardTelemetry Telemetry { get; private set; } = null!;
    public Uri DashboardUrl { get; private set; } = null!;

    public GrpcChannel Gateway => _gateway ??= GrpcChannel.ForAddress(App.GetEndpoint("gateway", "http"));

    public static string[] Arguments(string stateDirectory, params string[] more) =>
    [
        $"{StackPostgres.DataDirectoryKey}={Path.Combine(stateDirectory, "data")}",
        $"{StackPostgres.ThrowawayKey}=true",
        .. more,
    ];

    public async ValueTask InitializeAsync()
    {
        var apiKey = Guid.NewGuid().ToString("N");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Sia_AppHost>(
            Arguments(_stateDirectory, $"AppHost:DashboardApiKey={apiKey}", $"ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={BrowserToken}"),
            (options, _) => options.DisableDashboard = false);
        builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("Gateway__RateLimit__PermitsPerSecond", PermitsPerSecond.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Gateway__RateLimit__Burst", Burst.ToString(CultureInfo.InvariantCulture))
            // A partner after the seven of the gateway's appsettings.Development.json.
            .WithEnvironment("Gateway__Partners__7__Name", "Stack Tests Rate Limited")
            .WithEnvironment("Gateway__Partners__7__KeyHash", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(RateLimitedKey))))
            .WithEnvironment("Gateway__Partners__7__Scopes__0", "/sia.registry.v1.SchoolService/GetSchool")
            .WithEnvironment("ReverseProxy__Clusters__registry__HealthCheck__Active__Interval", GatewayHealthCheckInterval.ToString());
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await App.StartAsync(timeout.Token);
        await Task.WhenAll(Resources.Select(name => App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        DashboardUrl = App.GetEndpoint("aspire-dashboard", "http");
        Telemetry = new DashboardTelemetry(DashboardUrl, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        Telemetry?.Dispose();
        if (App is null) return;
        var processes = ProcessInfo.OfTestApp(Path.Combine(_stateDirectory, "data"));
        await App.DisposeAsync();
        // DCP goes on stopping what it ran after DisposeAsync returns: the next test's stack should not meet it.
        await ProcessInfo.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(30));
        DeleteState(_stateDirectory);
    }

    public static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    /// <summary>The throwaway cluster's folder; as root the AppHost's postgres user owns it, which root may still delete.</summary>
    public static void DeleteState(string stateDirectory)
    {
        if (Directory.Exists(stateDirectory)) Directory.Delete(stateDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
