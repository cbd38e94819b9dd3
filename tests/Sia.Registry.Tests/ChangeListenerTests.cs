using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Registry.Data;
using Sia.Registry.V1;
using Sia.Testing.Postgres;
using Sia.Testing;
using Sia.ServiceKit.Data;

namespace Sia.Registry.Tests;

/// <summary>
/// How WatchChanges follows the log: one listener per registry (Sia.ServiceKit's CommitListener) LISTENs for commits and wakes every
/// watcher, so watchers that have caught up cost no queries; a change reaches every watcher; after the listener loses its
/// connection, watchers get what committed while it was gone and what commits after; and a change no one notified comes
/// at the fallback poll. Unless a test says otherwise the fallback poll is an hour away, so only notifications and the
/// listener's reconnection can bring a change. A fresh database per test.
/// </summary>
public sealed class ChangeListenerTests(PostgresServer postgres)
{
    private const string Hour = "01:00:00";

    [Fact]
    public async Task Watchers_that_have_caught_up_cost_no_queries_and_the_next_change_reaches_every_one()
    {
        var commands = new CommandCounter();
        await using var host = await StartAsync(Hour, services => services.ConfigureDbContext<RegistryDbContext>(options => options.AddInterceptors(commands)));
        using var channel = host.CreateChannel();
        var la = await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        var watchers = Enumerable.Range(0, 50).Select(_ => new ChangeWatcher(channel)).ToList();
        try
        {
            await Until.TrueAsync(() => watchers.All(w => w.Received.Count == 1), "every watcher to get the first change");

            // Absence takes an interval to show: the per-watcher poll this replaced read every 200 ms, 500 queries here.
            var before = commands.Count;
            await Task.Delay(TimeSpan.FromSeconds(2));
            var idle = commands.Count - before;
            var school = await new SchoolService.SchoolServiceClient(channel).CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
            await Until.TrueAsync(() => watchers.All(w => w.Received.Count == 2), "every watcher to get the school");
            var afterCommit = commands.Count - before - idle;

            Assert.Equal(0, idle);
            Assert.True(afterCommit >= watchers.Count, $"{afterCommit} queries after the commit: each watcher reads once (the count counts)");
            Assert.All(watchers, w => Assert.Equal([la.Name, school.Name], w.Received.Select(c => c.Resource)));
            Assert.All(watchers, w => Assert.Equal(school, w.Received[1].School));
        }
        finally
        {
            foreach (var watcher in watchers) await watcher.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_the_listener_loses_its_connection_watchers_get_what_committed_meanwhile_and_what_commits_after()
    {
        await using var host = await StartAsync(Hour, reconnectDelay: "00:00:03");
        using var channel = host.CreateChannel();
        var schools = new SchoolService.SchoolServiceClient(channel);
        var la = await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        await using var watcher = new ChangeWatcher(channel);
        await watcher.ReceivedAsync(1);
        var listener = await ListenerPidAsync(host);

        await DatabaseSessions.TerminateAsync(host.ConnectionString, listener);
        var meanwhile = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var listenerWhenCommitted = await DatabaseSessions.PidAsync(host.ConnectionString, ChangeLogCommits.Log.ApplicationName);
        await watcher.ReceivedAsync(2);
        var reconnected = await ListenerPidAsync(host);
        var after = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var changes = await watcher.ReceivedAsync(3);

        Assert.Null(listenerWhenCommitted); // the school committed while no listener was there (it waits 3 s to reconnect)
        Assert.NotEqual(listener, reconnected);
        Assert.Equal([la.Name, meanwhile.Name, after.Name], changes.Select(c => c.Resource));
        Assert.Equal(3, changes.Select(c => c.ResumeToken).Distinct().Count());
    }

    [Fact]
    public async Task A_change_no_writer_notified_reaches_watchers_at_the_fallback_poll()
    {
        await using var host = await StartAsync(fallbackPollInterval: "00:00:00.2");
        using var channel = host.CreateChannel();
        var la = await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        await using var watcher = new ChangeWatcher(channel);
        await watcher.ReceivedAsync(1);

        // A change written without NOTIFY, as a writer from before the listener (an older registry mid-upgrade) writes it.
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO changes (resource_name, change_type, change_time) VALUES ($1, 'updated', now())", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = la.Name });
            await insert.ExecuteNonQueryAsync();
        }
        var changes = await watcher.ReceivedAsync(2);

        Assert.Equal([$"{la.Name} Created", $"{la.Name} Updated"], changes.Select(c => $"{c.Resource} {c.ChangeType}"));
        Assert.Equal(la, changes[1].LocalAuthority);
    }

    private async Task<RegistryHost> StartAsync(string fallbackPollInterval, Action<IServiceCollection>? configureServices = null, string reconnectDelay = "00:00:01")
    {
        var host = new RegistryHost(postgres)
        {
            Settings = new Dictionary<string, string?>
            {
                [$"{ChangeLogCommits.OptionsSection}:{nameof(CommitListenerOptions.FallbackPollInterval)}"] = fallbackPollInterval,
                [$"{ChangeLogCommits.OptionsSection}:{nameof(CommitListenerOptions.ReconnectDelay)}"] = reconnectDelay,
            },
            ConfigureServices = configureServices,
        };
        await host.InitializeAsync();
        return host;
    }

    private static async Task<int> ListenerPidAsync(RegistryHost host)
    {
        int? pid = null;
        await Until.TrueAsync(async () => (pid = await DatabaseSessions.PidAsync(host.ConnectionString, ChangeLogCommits.Log.ApplicationName)) is not null,
            "the change log listener's session");
        return pid!.Value;
    }
}
