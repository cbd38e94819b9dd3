using System.Text.RegularExpressions;

namespace Sia.AppHost.Hosting;

/// <summary>The resources an application can have: <c>AddProject</c>, <c>AddPostgres</c> / <c>AddDatabase</c>, <c>AddParameter</c>.</summary>
public static partial class ResourceFactoryExtensions
{
    /// <summary>A project of this solution, run from its built assembly: <c>AddProject&lt;Projects.Sia_Registry&gt;("registry")</c>.</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>A PostgreSQL server: the machine's binaries with data under the state directory, or the server named by
    /// configuration <c>ConnectionStrings:{name}</c> when there is one.</summary>
    /// <param name="port">The port on 127.0.0.1; null for a free one.</param>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new PostgresServerResource(name) { Port = port });

    /// <summary>A database on the server, created when the server starts if it does not exist.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        databaseName ??= name;
        if (!DatabaseName().IsMatch(databaseName))
            throw new DistributedApplicationException($"'{databaseName}' is not a database name the AppHost creates: use lower-case letters, digits and '_', starting with a letter.");
        var database = new PostgresDatabaseResource(name, databaseName, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }

    /// <summary>A value from configuration <c>Parameters:{name}</c>; when missing, a new random secret if <paramref name="generateWhenMissing"/>, else an error.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this DistributedApplicationBuilder builder, string name, bool secret = false, bool generateWhenMissing = false)
    {
        var configured = builder.Configuration[$"Parameters:{name}"];
        if (configured is null && !generateWhenMissing)
            throw new DistributedApplicationException($"Parameter '{name}' has no value: set it in configuration, e.g. the environment variable Parameters__{name}.");
        return builder.AddResource(new ParameterResource(name, configured ?? ParameterResource.NewSecret(), secret, generated: configured is null));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
