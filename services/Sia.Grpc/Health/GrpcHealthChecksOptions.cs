using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grpc.AspNetCore.HealthChecks;

/// <summary>Which ASP.NET Core health checks decide each grpc.health.v1 service name's status.</summary>
public sealed class GrpcHealthChecksOptions
{
    /// <summary>Service names and their checks; "" (the whole server) runs every check by default.</summary>
    public Dictionary<string, Func<HealthCheckRegistration, bool>> Services { get; } = new(StringComparer.Ordinal)
    {
        [""] = _ => true,
    };

    /// <summary>How often Watch re-evaluates the checks to report changes.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    public GrpcHealthChecksOptions Map(string serviceName, Func<HealthCheckRegistration, bool> predicate)
    {
        Services[serviceName] = predicate;
        return this;
    }
}
