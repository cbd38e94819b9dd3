using Grpc.Core;
using Grpc.Net.Client;
using Sia.AppHost.Hosting;
using Sia.AppHost.Testing;

namespace Sia.AppHost.Tests;

/// <summary>
/// The whole stack, started through the AppHost's own Program with the testing builder: a fresh PostgreSQL, the
/// registry and the gateway as real processes, the collector in this process. The rate limit is lowered so a test can trip it.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    /// <summary>The demo partners of the gateway's appsettings.Development.json.</summary>
    public const string DemoKey = "sia-demo-key";
    public const string SchoolsReaderKey = "sia-demo-schools-key";
    public const int PermitsPerSecond = 5, Burst = 20;
    public static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(1);

    private GrpcChannel? _gateway;

    public DistributedApplication App { get; private set; } = null!;

    public GrpcChannel Gateway => _gateway ??= GrpcChannel.ForAddress(App.GetEndpoint("gateway"));

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("Gateway__RateLimit__PermitsPerSecond", PermitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Gateway__RateLimit__Burst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("ReverseProxy__Clusters__registry__HealthCheck__Active__Interval", HealthCheckInterval.ToString());
        builder.Options.HealthCheckInterval = TimeSpan.FromSeconds(1);
        App = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await App.StartAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        await App.DisposeAsync();
    }

    public static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };
}
