namespace Sia.AppHost.Hosting;

/// <summary>A .NET project run from its built assembly, with the environment an Aspire AppHost would give it.</summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name)
{
    public const string DefaultEndpointName = "http";

    public IProjectMetadata Project { get; } = project;

    /// <summary>Every project has an <c>http</c> endpoint (its <c>ASPNETCORE_URLS</c>); <c>WithHttpEndpoint</c> fixes its port or adds more.</summary>
    public Dictionary<string, EndpointAnnotation> Endpoints { get; } = new(StringComparer.Ordinal)
    {
        [DefaultEndpointName] = new(DefaultEndpointName, port: null),
    };

    /// <summary>Add variables to the environment, run just before each start (after what this resource waits for is healthy).</summary>
    internal List<Func<IDictionary<string, string>, CancellationToken, Task>> EnvironmentCallbacks { get; } = [];

    /// <summary>The URL the AppHost probes for health (<c>GET /health</c> over HTTP/2).</summary>
    public string HealthCheckPath { get; internal set; } = "/health";
}
