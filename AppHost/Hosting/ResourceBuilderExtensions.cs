namespace Sia.AppHost.Hosting;

/// <summary>Wiring resources together, with the names and environment variables of .NET Aspire.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Gives the project the resource's connection string as <c>ConnectionStrings__{name}</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference<TSource>(this IResourceBuilder<ProjectResource> builder,
        IResourceBuilder<TSource> source, string? connectionName = null) where TSource : Resource, IResourceWithConnectionString
    {
        var name = connectionName ?? source.Resource.Name;
        builder.Resource.DependsOn.Add(source.Resource);
        builder.Resource.EnvironmentCallbacks.Add(async (environment, cancellationToken) =>
            environment[$"ConnectionStrings__{name}"] = await source.Resource.GetConnectionStringAsync(cancellationToken));
        return builder;
    }

    /// <summary>Gives the project the other project's endpoints as <c>services__{name}__{endpoint}__0</c> (service discovery's keys).</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> source)
    {
        builder.Resource.DependsOn.Add(source.Resource);
        builder.Resource.EnvironmentCallbacks.Add((environment, _) =>
        {
            foreach (var endpoint in source.Resource.Endpoints.Values)
            {
                environment[$"services__{source.Resource.Name}__{endpoint.Name}__0"] = endpoint.Url.ToString().TrimEnd('/');
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is healthy (a database: once its server is up and it exists).</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency) where T : Resource
    {
        if (ReferenceEquals(builder.Resource, dependency.Resource)) throw new DistributedApplicationException($"'{builder.Resource.Name}' cannot wait for itself.");
        builder.Resource.WaitsFor.Add(dependency.Resource);
        builder.Resource.DependsOn.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string value)
    {
        builder.Resource.EnvironmentCallbacks.Add((environment, _) =>
        {
            environment[name] = value;
            return Task.CompletedTask;
        });
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, IResourceBuilder<ParameterResource> parameter) =>
        builder.WithEnvironment(name, parameter.Resource.Value);

    /// <summary>Sets the port of the project's endpoint <paramref name="name"/> (<c>http</c> by default), or adds that endpoint.</summary>
    /// <param name="port">The port on localhost; null for a free one. Randomized when the options say so (tests).</param>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null, string? name = null)
    {
        if (port is < 1 or > 65535) throw new DistributedApplicationException($"Port {port} of '{builder.Resource.Name}' is not a TCP port.");
        name ??= ProjectResource.DefaultEndpointName;
        if (builder.Resource.Endpoints.TryGetValue(name, out var endpoint)) endpoint.Port = port;
        else builder.Resource.Endpoints[name] = new EndpointAnnotation(name, port);
        return builder;
    }
}
