using System.Diagnostics;
using Npgsql;
using Sia.Hosting.Local;

namespace Sia.AppHost.Hosting;

/// <summary>
/// Runs a <see cref="PostgresServerResource"/>: the machine's PostgreSQL with its data under
/// <c>{state}/{name}/data</c> (made by initdb on first run, with a generated password kept in <c>{state}/{name}/password</c>),
/// on 127.0.0.1, as the postgres OS user when the AppHost is root; or, with configuration <c>ConnectionStrings:{name}</c>,
/// that existing server. Either way it creates the resource's databases, then is healthy. Stopping is a fast shutdown.
/// </summary>
internal sealed class PostgresRunner(PostgresServerResource server, ResourceOutput.ResourceLog log, ResourceOutput.ResourceLog appHostLog,
    DistributedApplicationOptions options, string? externalConnectionString)
    : ResourceRunner(server, log, appHostLog)
{
    private const string Superuser = "postgres";
    private Process? _postmaster;
    private int _postmasterPid;
    private Process? _watchdog;

    private string Root => server.DataRoot ?? Path.Combine(options.StateDirectory, server.Name);
    private string DataDirectory => Path.Combine(Root, "data");
    private string PasswordFile => Path.Combine(Root, "password");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connectionString = externalConnectionString ?? await StartLocalServerAsync(cancellationToken).ConfigureAwait(false);
            server.SetConnectionString(connectionString);
            await CreateDatabasesAsync(connectionString, cancellationToken).ConfigureAwait(false);
            Publish(Snapshot with { State = ResourceState.Healthy },
                externalConnectionString is null ? $"127.0.0.1:{new NpgsqlConnectionStringBuilder(connectionString).Port}, data in {Root}" : "the server in ConnectionStrings");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var failure = error as DistributedApplicationException ?? new DistributedApplicationException($"{server.Name}: {error.Message}", error);
            FailStart(failure);
            throw failure;
        }
    }

    private async Task<string> StartLocalServerAsync(CancellationToken cancellationToken)
    {
        var bin = PostgresBinaries.FindBinDirectory() ?? throw new DistributedApplicationException(PostgresBinaries.MissingMessage(
            $"point the AppHost at an existing server: ConnectionStrings__{server.Name}='Host=127.0.0.1;Port=5432;Username=postgres;Password=...' " +
            "(its user must be allowed to CREATE DATABASE)."));
        var password = await EnsureClusterAsync(bin).ConfigureAwait(false);
        if (RunningPostmaster() is { } running)
            throw new DistributedApplicationException($"{server.Name}: another PostgreSQL (pid {running}) already runs on {DataDirectory}. " +
                "Is another AppHost running? Stop it first.");

        for (var attempt = 1; ; attempt++)
        {
            var port = options.RandomizePorts || server.Port is null ? LoopbackPorts.Free() : server.Port.Value;
            var output = new List<string>();
            var postmaster = Postmaster.Start(bin, DataDirectory, port, ["log_min_messages=warning"], Root, line =>
            {
                lock (output) output.Add(line);
                Log.Write(line);
            });
            Publish(Snapshot with { State = ResourceState.Starting, ProcessId = postmaster.Id });
            var pid = await Postmaster.WaitUntilReadyAsync(postmaster, DataDirectory, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            if (pid > 0)
            {
                _postmaster = postmaster;
                _postmasterPid = pid;
                _watchdog = OwnerWatchdog.StartForPostmaster(Environment.ProcessId, pid, DataDirectory, options.DeleteStateOnStop ? options.StateDirectory : null);
                Publish(Snapshot with { ProcessId = pid });
                return new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = Superuser, Password = password }.ConnectionString;
            }
            Postmaster.Stop(postmaster, -pid);
            string text;
            lock (output) text = string.Join('\n', output);
            if (Postmaster.PortWasTaken(text) && server.Port is null && attempt < 5) continue;
            if (Postmaster.PortWasTaken(text))
                throw new DistributedApplicationException($"{server.Name}: port {port} is taken. Free it, or leave the port out of AddPostgres to use a free one.");
            throw new DistributedApplicationException($"{server.Name}: PostgreSQL did not become ready:\n{text.Trim()}");
        }
    }

    /// <summary>The pid in a postmaster.pid whose process is alive; a file left by a crash names a dead one, which postgres clears itself.</summary>
    private int? RunningPostmaster() => Postmaster.PidFromFile(DataDirectory) is { } pid && Directory.Exists($"/proc/{pid}") ? pid : null;

    /// <summary>Makes the data directory on first run and returns the superuser's password.</summary>
    private async Task<string> EnsureClusterAsync(string bin)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return File.Exists(PasswordFile) ? (await File.ReadAllTextAsync(PasswordFile).ConfigureAwait(false)).Trim()
                : throw new DistributedApplicationException($"{server.Name}: {PasswordFile} is missing, so the server in {DataDirectory} cannot be used. " +
                    $"Delete {Root} to start again with an empty server.");
        }
        Log.Write($"[apphost] creating a new PostgreSQL data directory in {DataDirectory}");
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true); // a first run that was interrupted
        Directory.CreateDirectory(Root);
        var password = ParameterResource.NewSecret();
        var initialPasswordFile = Path.Combine(Root, "initdb-password");
        WritePrivate(PasswordFile, password);
        WritePrivate(initialPasswordFile, password);
        try
        {
            await ChildProcess.HandToServerUserAsync(Root).ConfigureAwait(false);
            await Postmaster.InitDbAsync(bin, DataDirectory, Root, ["--auth=scram-sha-256", $"--pwfile={initialPasswordFile}"]).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(initialPasswordFile);
        }
        return password;
    }

    private static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private async Task CreateDatabasesAsync(string connectionString, CancellationToken cancellationToken)
    {
        if (server.Databases.Count == 0) return;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var database in server.Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database.DatabaseName } } };
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null) continue;
            try
            {
                // AddDatabase allows only [a-z][a-z0-9_]*, so the name needs no quoting beyond this.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                Log.Write($"[apphost] created database {database.DatabaseName}");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { }
        }
    }

    public override async Task StopAsync()
    {
        if (_postmaster is { } postmaster)
        {
            _postmaster = null;
            Publish(Snapshot with { State = ResourceState.Stopping });
            await Task.Run(() => Postmaster.Stop(postmaster, _postmasterPid)).ConfigureAwait(false);
            _watchdog?.Kill();
            _watchdog?.Dispose();
        }
        PublishStopped();
    }
}
