using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;

namespace Sia.AppHost.Hosting;

/// <summary>What a developer needs once the gateway is up: where it is and how to call it.</summary>
public static class StackBanner
{
    /// <summary>Prints, when the gateway is ready, how to call it with the demo partner key.</summary>
    public static IResourceBuilder<ProjectResource> WithCallingInstructions(this IResourceBuilder<ProjectResource> gateway) =>
        gateway.OnResourceReady((resource, _, _) =>
        {
            var address = resource.GetEndpoint("http").Url;
            Console.WriteLine($"""

                SIA is running. The gateway (gRPC, HTTP/2 without TLS) is at {address}
                  Call it with the demo partner key (run `npm install` once first, for buf):
                    npx buf curl --protocol grpc --http2-prior-knowledge -H 'authorization: Bearer sia-demo-key' \
                      -d '{"{"}"name":"schools/990102"{"}"}' {address}/sia.registry.v1.SchoolService/GetSchool
                  List its methods:  npx buf curl --protocol grpc --http2-prior-knowledge --list-methods {address}
                  Import a GIAS extract through it:
                    SIA_API_KEY=sia-demo-key dotnet run --project services/Registry/Sia.Registry -- import-gias FILE --gateway {address}
                  Resources, console logs, traces, structured logs and metrics: the dashboard (its login link is above).
                  Ctrl+C stops everything; PostgreSQL keeps its data across runs (Postgres__DataDirectory, by default .sia/postgres/data).

                """);
            return Task.CompletedTask;
        });
}
