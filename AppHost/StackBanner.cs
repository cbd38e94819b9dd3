using Sia.AppHost.Hosting;

namespace Sia.AppHost;

/// <summary>What a developer needs once the stack is up: where the gateway is, how to call it, where the traces go.</summary>
internal static class StackBanner
{
    public static void Print(DistributedApplication app)
    {
        var gateway = app.GetEndpoint("gateway").ToString().TrimEnd('/');
        var telemetry = app.TelemetryEndpoint.ToString().TrimEnd('/');
        Console.WriteLine($"""

            SIA is running. Gateway (gRPC, HTTP/2 without TLS): {gateway}
              Call it with the demo partner key (appsettings.Development.json of the gateway):
                npx buf curl --protocol grpc --http2-prior-knowledge -H 'authorization: Bearer sia-demo-key' --reflect-header '*' \
                  -d '{"{"}"name":"schools/990102"{"}"}' {gateway}/sia.registry.v1.SchoolService/GetSchool
              List its methods:
                npx buf curl --protocol grpc --http2-prior-knowledge --reflect-header 'authorization: Bearer sia-demo-key' --list-methods {gateway}
              Traces, logs and metrics: {telemetry}/api/resources, {telemetry}/api/spans?service=gateway, {telemetry}/api/traces/{"{"}id{"}"}
              Ctrl+C stops everything (PostgreSQL keeps its data in {Path.Combine(app.Options.StateDirectory, "postgres")}).

            """);
    }
}
