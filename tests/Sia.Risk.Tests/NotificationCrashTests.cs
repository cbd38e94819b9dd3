using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Registry.Testing;
using Sia.Risk.Data;
using Sia.ServiceDefaults;
using Sia.Testing;
using Sia.Testing.Postgres;
using RegistryV1 = Sia.Registry.V1;

namespace Sia.Risk.Tests;

/// <summary>
/// A recompute that republishes an assessment and notifies scrutiny is one transaction: the process killed (SIGKILL) inside
/// it, after the new version is written and while it waits to record the notification, leaves neither; started again, it
/// republishes once and notifies once.
/// </summary>
public sealed class NotificationCrashTests(PostgresServer postgres) : IAsyncLifetime
{
    private const int AcklamGrange = 990103; // requires improvement in the demo's Middlesbrough 2014/15 round
    private static readonly Dictionary<string, string?> Signing = new() { [PartnerHeaders.SigningKeyConfigKey] = RiskStack.SigningKey };

    private readonly RegistryHost _registry = new(postgres) { LoadDemoData = true, Settings = Signing };
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        await _registry.InitializeAsync();
        _database = await postgres.CreateDatabaseAsync("risk");
        await using var demo = await RiskHost.StartAsync(_database, _registry.Address, new Dictionary<string, string?>(Signing) { ["Risk:LoadDemoData"] = "true" });
        await demo.Services.GetServices<IHostedService>().OfType<Demo.RiskDemoLoader>().Single().ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await RecomputeQueue.EmptyAsync(_database);
    }

    [Fact]
    public async Task Killed_between_republishing_and_notifying_it_does_both_once_when_started_again()
    {
        var killed = new NpgsqlConnectionStringBuilder(_database) { ApplicationName = "risk killed mid-notify" }.ConnectionString;
        using var process = RiskProcess.Start(killed, _registry.Address);
        await process.OutputAsync("Following the registry's changes");
        var before = await CountsAsync();

        // The test holds the lock every writer of notifications takes, so the recompute waits there, its new version written.
        await using (var holder = new NpgsqlConnection(_database))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var lockNotifications = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({NotificationCommits.LockId})", holder, hold))
                await lockNotifications.ExecuteNonQueryAsync();
            await SpecialMeasuresAsync(AcklamGrange);
            // The process follows the registry, recomputes and reaches the lock: on a machine loaded by the other test
            // projects that once took over 30 s.
            await Until.TrueAsync(() => PostgresLocks.WaitsForALockAsync(holder, "risk killed mid-notify"), "the recompute to wait to record its notification",
                TimeSpan.FromMinutes(2));
            await process.KillAsync();
            await hold.RollbackAsync();
        }
        var afterKill = await CountsAsync();
        await using var restarted = await RiskHost.StartAsync(_database, _registry.Address, Signing);
        await Until.TrueAsync(async () => (await CountsAsync()).Versions == before.Versions + 1, "the recompute to republish Acklam Grange");
        await RecomputeQueue.EmptyAsync(_database);

        Assert.Equal((1, 1), (before.Versions, before.Notifications));
        Assert.Equal(before, afterKill);
        Assert.Equal((2, 2), await CountsAsync());
        await using var db = Open();
        var notified = await db.Notifications.Where(n => n.Urn == AcklamGrange).Select(n => n.Assessment).ToListAsync();
        Assert.Equal([$"schools/{AcklamGrange}/assessments/2014-15-autumn@2"], notified);
    }

    /// <summary>Acklam Grange's assessment versions, and Middlesbrough's notifications.</summary>
    private async Task<(int Versions, int Notifications)> CountsAsync()
    {
        await using var db = Open();
        return (await db.Assessments.CountAsync(a => a.Urn == AcklamGrange), await db.Notifications.CountAsync(n => n.LaCode == "806"));
    }

    private RiskDbContext Open() => new(new DbContextOptionsBuilder<RiskDbContext>().UseNpgsql(_database).Options);

    /// <summary>Ofsted finds the school in special measures in October 2014, before the LA's autumn assessment of it.</summary>
    private async Task SpecialMeasuresAsync(int urn) =>
        await new RegistryV1.InspectionService.InspectionServiceClient(_registry.CreateChannel()).CreateInspectionAsync(new RegistryV1.CreateInspectionRequest
        {
            Parent = $"schools/{urn}",
            Inspection = new RegistryV1.Inspection
            {
                InspectionDate = new Google.Type.Date { Year = 2014, Month = 10, Day = 8 },
                Framework = RegistryV1.Inspection.Types.Framework.CommonInspectionFramework2015,
                OverallGrade = 4,
                KeyJudgements = { ["leadership_and_management"] = 4 },
                CategoryOfConcern = RegistryV1.Inspection.Types.CategoryOfConcern.SpecialMeasures,
            },
        });


    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        await postgres.DropDatabaseAsync(_database);
    }
}
