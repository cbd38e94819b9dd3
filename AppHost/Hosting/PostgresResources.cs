using Npgsql;

namespace Sia.AppHost.Hosting;

/// <summary>
/// A PostgreSQL server: the machine's binaries with a data directory that survives restarts, or, when configuration
/// has <c>ConnectionStrings:{name}</c>, that existing server. Its databases are created when it starts.
/// </summary>
public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    private readonly TaskCompletionSource<string> _connectionString = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The port asked for; null for a free one.</summary>
    public int? Port { get; internal set; }

    /// <summary>Where the data directory and password live; null for <c>{state directory}/{name}</c>.</summary>
    public string? DataRoot { get; internal set; }

    internal List<PostgresDatabaseResource> Databases { get; } = [];

    public Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default) => _connectionString.Task.WaitAsync(cancellationToken);

    internal void SetConnectionString(string connectionString) => _connectionString.TrySetResult(connectionString);
}

/// <summary>A database on a <see cref="PostgresServerResource"/>, created if missing when the server starts.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public string DatabaseName { get; } = databaseName;
    public PostgresServerResource Server { get; } = server;
    Resource IResourceWithParent.Parent => Server;

    public async Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        new NpgsqlConnectionStringBuilder(await Server.GetConnectionStringAsync(cancellationToken)) { Database = DatabaseName }.ConnectionString;
}
