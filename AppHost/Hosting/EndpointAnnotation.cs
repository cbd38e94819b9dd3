namespace Sia.AppHost.Hosting;

/// <summary>A named HTTP endpoint of a project: h2c on localhost, on <see cref="Port"/> or a free port chosen at start.</summary>
public sealed class EndpointAnnotation(string name, int? port)
{
    public string Name { get; } = name;

    /// <summary>The port asked for; null for any free port.</summary>
    public int? Port { get; internal set; } = port;

    /// <summary>The port in use, once allocated.</summary>
    public int? AllocatedPort { get; internal set; }

    public Uri Url => new($"http://localhost:{AllocatedPort ?? throw new InvalidOperationException($"Endpoint '{Name}' has no port yet: the application has not been built.")}");
}
