namespace Sia.AppHost.Hosting;

/// <summary>How the AppHost runs the stack. <see cref="DistributedApplicationBuilder"/> reads them from configuration (<c>AppHost:*</c>).</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Where resources keep what must survive a restart (PostgreSQL's data): by default <c>.sia/</c> beside <c>AppHost/</c>.</summary>
    public required string StateDirectory { get; set; }

    /// <summary>The environment every project runs in (<c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c>).</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Give every endpoint a free port, even one asked for by number (tests, and a second stack beside a running one).</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>Print every resource's output, prefixed with its name, on this process's console.</summary>
    public bool WriteToConsole { get; set; } = true;

    /// <summary>The collector's OTLP/gRPC and OTLP/HTTP ports (the standalone Aspire dashboard's); 0 for a free port.</summary>
    public int OtlpGrpcPort { get; set; } = Telemetry.TelemetryCollector.DefaultGrpcPort;

    public int OtlpHttpPort { get; set; } = Telemetry.TelemetryCollector.DefaultHttpPort;

    /// <summary>Delete the state directory when the application stops (a throwaway stack in tests).</summary>
    public bool DeleteStateOnStop { get; set; }

    /// <summary>How often a healthy project's health endpoint is probed again.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Stop on Ctrl+C or SIGTERM (off in tests: the test decides when the stack stops).</summary>
    public bool HandleSignals { get; set; } = true;

    /// <summary>How long a project may take from start to healthy before it counts as failed.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
