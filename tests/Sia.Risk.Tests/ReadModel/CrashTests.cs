using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Risk.Data.ReadModel;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Risk.Tests.ReadModel;

/// <summary>
/// Applying a batch is one transaction with its resume token: a failure inside it, or the process killed in the middle of
/// it, leaves the copy and the token as they were, and the batch is applied once when it comes again.
/// </summary>
public sealed class CrashTests(PostgresServer postgres) : RegistryAndEmptyCopy(postgres)
{
    private const string FollowerCategory = "Sia.Risk.ReadModel.RegistryFollower";
    [Fact]
    public async Task A_failure_inside_the_apply_transaction_leaves_the_copy_and_its_token_as_they_were()
    {
        using var channel = Registry.CreateChannel();
        var writes = new RegistryWrites(channel);
        var sample = await writes.SampleAsync();
        var fault = new FollowStateWriteFault();
        var logs = new CapturedLogs();
        await using var risk = await RiskHost.StartAsync(RiskDatabase, Registry.Address, new Dictionary<string, string?> { [$"Logging:LogLevel:{FollowerCategory}"] = "Information" }, services =>
        {
            logs.AddTo(services);
            services.ConfigureDbContext<Sia.Risk.Data.RiskDbContext>(options => options.AddInterceptors(fault));
        });
        await Probe.CaughtUpAsync();
        var before = await Probe.StateAsync();

        fault.Arm();
        var opened = await writes.CreateSchoolAsync();
        var inspection = await writes.InspectAsync(opened, RegistryWrites.ReportCard());
        // The batch fails, and fails again when it comes again.
        await Until.TrueAsync(() => fault.Failures >= 3, "three failed attempts to apply the batch");
        var whileFailing = (await Probe.StateAsync(), await SchoolsAsync(), await Probe.InspectionsRecordedAsync());
        fault.Disarm();
        await Probe.CaughtUpAsync();

        Assert.Equal((before!.ResumeToken, before.AppliedChanges), (whileFailing.Item1!.ResumeToken, whileFailing.Item1.AppliedChanges));
        Assert.DoesNotContain(opened.Urn, whileFailing.Item2);
        Assert.Equal([sample.Cif.Name, sample.Eif.Name, sample.ReportCard.Name], whileFailing.Item3);
        Assert.Equal(await Probe.LoggedOnceEachAsync(), await Probe.AppliedAgainstLoggedAsync());
        Assert.Equal([sample.Cif.Name, sample.Eif.Name, sample.ReportCard.Name, inspection.Name], await Probe.InspectionsRecordedAsync());
        // However many times the batch failed, one warning, and one line when it was applied at last.
        Assert.Equal(["Information 0", "Warning 1", "Information 3"],
            logs.Lines.Where(l => l.Category == FollowerCategory && l.Level >= LogLevel.Information).Select(l => $"{l.Level} {l.EventId.Id}"));
    }

    [Fact]
    public async Task A_process_killed_in_the_middle_of_applying_a_batch_applies_it_once_when_started_again()
    {
        using var channel = Registry.CreateChannel();
        var writes = new RegistryWrites(channel);
        var sample = await writes.SampleAsync();
        var killed = new NpgsqlConnectionStringBuilder(RiskDatabase) { ApplicationName = "risk killed mid-apply" }.ConnectionString;
        using var process = RiskProcess.Start(killed, Registry.Address);
        await process.OutputAsync("Following the registry's changes");
        await Probe.CaughtUpAsync();
        var before = await Probe.StateAsync();

        // The test holds the follow state's row, so the next batch waits inside its transaction, its rows written, to write
        // the token: there the process is killed.
        await using (var holder = new NpgsqlConnection(RiskDatabase))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT resume_token FROM registry_follow_state FOR UPDATE", holder, hold)) await lockRow.ExecuteScalarAsync();
            var opened = await writes.CreateSchoolAsync();
            await writes.InspectAsync(opened, RegistryWrites.ReportCard());
            await Until.TrueAsync(() => PostgresLocks.WaitsForALockAsync(holder, "risk killed mid-apply"), "the batch to wait for the follow state's row");
            await process.KillAsync();
            await hold.RollbackAsync();
        }
        var afterKill = (await Probe.StateAsync(), await SchoolsAsync());
        await using var restarted = await RiskHost.StartAsync(RiskDatabase, Registry.Address);
        await Probe.CaughtUpAsync();

        Assert.Equal((before!.ResumeToken, before.AppliedChanges), (afterKill.Item1!.ResumeToken, afterKill.Item1.AppliedChanges));
        Assert.Equal([sample.Lead.Urn, sample.Member.Urn], afterKill.Item2.Order());
        Assert.Equal(await Probe.LoggedOnceEachAsync(), await Probe.AppliedAgainstLoggedAsync());
        Assert.Equal(4, (await Probe.InspectionsRecordedAsync()).Distinct().Count());
        Assert.Equal(4, (await Probe.InspectionsRecordedAsync()).Count);
    }

    private async Task<List<int>> SchoolsAsync()
    {
        await using var copy = Probe.OpenCopy();
        return await copy.RegistrySchools.Select(s => s.Urn).ToListAsync();
    }
}
