using System.Net;
using System.Reflection;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Sia.AppHost.Hosting;

/// <summary>What every SIA service and the gateway need from the AppHost beyond Aspire's project defaults.</summary>
public static class ServiceProjectExtensions
{
    /// <summary>
    /// A SIA gRPC project: started from its build, healthy when GET /health answers 200 over h2c, and exporting telemetry
    /// without Aspire's in-memory OTLP retry.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsSiaService(this IResourceBuilder<ProjectResource> builder) => builder
        .WithDirectLaunch()
        .WithH2cHealthCheck("/health")
        // Aspire sets in_memory: at shutdown a service then retries its last export to the dashboard, already stopped,
        // for about 15 s, and DCP kills it after 6. Empty means no retry ("none" is refused by the SDK).
        .WithEnvironment("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "");

    /// <summary>
    /// The service's http endpoint without DCP's proxy, on a free port. A stopped service then refuses connections, which
    /// the gateway answers at once as UNAVAILABLE; through the proxy, which accepts a connection whether or not anything is
    /// behind it, the call would hang until its deadline. It also spares every call a hop.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUnproxiedHttpEndpoint(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithEndpoint("http", endpoint =>
        {
            endpoint.IsProxied = false;
            endpoint.Port = null;
            endpoint.TargetPort = null;
        });

    /// <summary>
    /// WithHttpHealthCheck for an endpoint that speaks only h2c (Kestrel Protocols Http2 without TLS, as gRPC needs): the
    /// check's HttpClient, named by the key Aspire gives the check, sends HTTP/2 with prior knowledge, not HTTP/1.1.
    /// </summary>
    public static IResourceBuilder<T> WithH2cHealthCheck<T>(this IResourceBuilder<T> builder, string path, string endpointName = "http")
        where T : IResourceWithEndpoints
    {
        const int status = 200;
        builder.WithHttpHealthCheck(path, status, endpointName);
        builder.ApplicationBuilder.Services.AddHttpClient($"{builder.Resource.Name}_{endpointName}_{path}_{status}_check")
            .ConfigureHttpClient(client =>
            {
                client.DefaultRequestVersion = HttpVersion.Version20;
                client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            });
        return builder;
    }

    /// <summary>
    /// Starts the project's built executable (bin/{the AppHost's configuration}/{framework}/{name}) instead of
    /// <c>dotnet run --no-build</c>, a wrapper that stays alive beside it (about 130 MB). Aspire runs an ExecutableAnnotation's
    /// command for a project and keeps every project default (URLs, environment, OTLP settings). Where no build is found,
    /// Aspire's own way stays.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDirectLaunch(this IResourceBuilder<ProjectResource> builder)
    {
        var project = builder.Resource.GetProjectMetadata().ProjectPath;
        var directory = Path.GetDirectoryName(project)!;
        var name = Path.GetFileNameWithoutExtension(project);
        var configuration = typeof(ServiceProjectExtensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var bin = Path.Combine(directory, "bin", configuration);
        var executable = Directory.Exists(bin)
            ? Directory.EnumerateDirectories(bin).Select(framework => Path.Combine(framework, name)).Where(File.Exists).Order().LastOrDefault()
            : null;
        return executable is null ? builder : builder.WithAnnotation(new ExecutableAnnotation { Command = executable, WorkingDirectory = directory });
    }
}
