using Aspire.Hosting.ApplicationModel;

namespace Sia.AppHost.Hosting;

/// <summary>
/// PostgreSQL from this machine's binaries, an executable that DCP runs as any other: <c>/bin/sh local-postgres.sh BIN DATA
/// PORT [-c name=value]...</c>. The script makes the cluster with initdb on first run, runs the postmaster as the postgres
/// OS user when the AppHost is root, and turns DCP's SIGTERM into a fast shutdown.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string binDirectory, ParameterResource password, string workingDirectory)
    : ExecutableResource(name, "/bin/sh", workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);

    public string BinDirectory { get; } = binDirectory;

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>PGDATA: made by initdb on first run, kept across runs.</summary>
    public string DataDirectory { get; internal set; } = "";

    /// <summary>Server settings given as <c>postgres -c name=value</c>.</summary>
    public IList<string> Settings { get; } = [];

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>The databases to create once the server accepts connections: resource name → database name.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    /// <summary>Completed when this run's databases exist; replaced at each start.</summary>
    internal TaskCompletionSource DatabasesCreated { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // 127.0.0.1 rather than localhost: postgres listens on IPv4 loopback only.
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={PasswordParameter}");

    internal void AddDatabase(string resourceName, string databaseName) => _databases.TryAdd(resourceName, databaseName);
}
