using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Sia.Risk.ReadModel;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Risk.Tests.ReadModel;

/// <summary>
/// The follower through the registry's restarts and over a long-lived stream: it follows again by itself, logs each outage
/// once, says in its health check whether it follows, and its stream is not cut by ServiceDefaults' resilience timeouts.
/// </summary>
public sealed class OutageTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string FollowerCategory = "Sia.Risk.ReadModel.RegistryFollower";
    private readonly CapturedLogs logs = new();
    private string registryDatabase = "", riskDatabase = "";
    private ReadModelProbe probe = null!;
    private int watchCalls;

    public async ValueTask InitializeAsync()
    {
        registryDatabase = await postgres.CreateDatabaseAsync("registry");
        riskDatabase = await postgres.CreateDatabaseAsync("risk");
        probe = new ReadModelProbe(registryDatabase, riskDatabase);
    }

    public async ValueTask DisposeAsync()
    {
        await postgres.DropDatabaseAsync(registryDatabase);
        await postgres.DropDatabaseAsync(riskDatabase);
    }

    [Fact]
    public async Task When_the_registry_restarts_the_copy_follows_again_by_itself_and_logs_the_outage_once()
    {
        var port = LoopbackPorts.Free();
        var registry = await StartRegistryAsync(port);
        await using var risk = await StartRiskAsync(registry.Address, new() { [$"Logging:LogLevel:{FollowerCategory}"] = "Debug" });
        using (var channel = registry.CreateChannel()) await new RegistryWrites(channel).SampleAsync();
        await probe.CaughtUpAsync();
        await Until.TrueAsync(async () => await FollowerHealthAsync(risk) == HealthStatus.Healthy, "the follower to be healthy");

        await registry.DisposeAsync();
        // Down long enough for several attempts to fail.
        await Until.TrueAsync(() => logs.Lines.Count(l => l.Category == FollowerCategory && l.EventId.Id is 1 or 2) >= 4, "four failed attempts");
        var whileDown = await FollowerHealthAsync(risk);
        await using var again = await StartRegistryAsync(port);
        // Healthy again with nothing to read: the registry's stream says it is open before any change.
        await Until.TrueAsync(async () => await FollowerHealthAsync(risk) == HealthStatus.Healthy, "the follower to follow again");
        using var againChannel = again.CreateChannel();
        var opened = await new RegistryWrites(againChannel).CreateSchoolAsync();
        await probe.CaughtUpAsync();

        Assert.Equal(HealthStatus.Degraded, whileDown);
        Assert.Equal(await probe.LoggedOnceEachAsync(), await probe.AppliedAgainstLoggedAsync());
        Assert.Contains($"schools/{opened.Urn}: logged 1, applied 1", await probe.AppliedAgainstLoggedAsync());
        var follower = logs.Lines.Where(l => l.Category == FollowerCategory && l.Level >= LogLevel.Information).ToList();
        Assert.Equal(["Information 0", "Warning 1", "Information 3"], follower.Select(l => $"{l.Level} {l.EventId.Id}"));
        // Nothing the registry holds about people reaches the logs: not a headteacher's name, nor a system leader's.
        Assert.DoesNotContain(logs.Lines, l => l.ToString().Contains("Jane Example") || l.ToString().Contains("Sam Leader"));
    }

    [Fact]
    public async Task A_stream_idle_from_its_start_for_longer_than_the_resilience_timeouts_is_not_cut()
    {
        var timeout = TimeSpan.FromSeconds(2);
        await using var registry = await StartRegistryAsync(port: 0);
        // ServiceDefaults' standard resilience handler, with its timeouts lowered from 10 s an attempt and 30 s in all.
        await using var risk = await StartRiskAsync(registry.Address, configureServices: services => services.ConfigureAll<HttpStandardResilienceOptions>(options =>
        {
            options.AttemptTimeout.Timeout = timeout / 2;
            options.TotalRequestTimeout.Timeout = timeout;
        }));
        await Until.TrueAsync(() => Volatile.Read(ref watchCalls) == 1, "the follower's call to reach the registry");

        // Nothing to send: the stream stays idle from its start for three times the total timeout (time passing is what is
        // tested here, not a condition to wait for), then changes come.
        await Task.Delay(3 * timeout);
        using var channel = registry.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new Sia.Registry.V1.LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        await new RegistryWrites(channel).CreateSchoolAsync();
        await probe.CaughtUpAsync();

        Assert.Equal(1, watchCalls);
        Assert.DoesNotContain(logs.Lines, l => l.Category == FollowerCategory && l.Level >= LogLevel.Warning);
    }

    private async Task<RegistryHost> StartRegistryAsync(int port)
    {
        var registry = new RegistryHost(postgres)
        {
            Database = registryDatabase,
            Port = port,
            BeforeEndpoints = app => app.Use((context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/sia.registry.v1.RegistryChangeService/WatchChanges")) Interlocked.Increment(ref watchCalls);
                return next(context);
            }),
        };
        await registry.InitializeAsync();
        return registry;
    }

    private Task<RiskHost> StartRiskAsync(Uri registry, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) =>
        RiskHost.StartAsync(riskDatabase, registry, settings, services =>
        {
            logs.AddTo(services);
            configureServices?.Invoke(services);
        });

    private static async Task<HealthStatus> FollowerHealthAsync(RiskHost risk) =>
        (await risk.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[RegistryFollowerHealthCheck.Name].Status;
}
