namespace Sia.AppHost.Hosting;

/// <summary>A part of the stack: something the AppHost runs (a project, PostgreSQL) or a value it hands out.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    /// <summary>Resources that must be healthy before this one starts.</summary>
    internal List<Resource> WaitsFor { get; } = [];

    /// <summary>Resources this one uses (referenced or waited for): it stops before them.</summary>
    internal List<Resource> DependsOn { get; } = [];

    public override string ToString() => Name;
}

/// <summary>A resource other resources reach through a connection string: <c>ConnectionStrings__{Name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Known once the resource has its address and credentials, which can be before it is healthy.</summary>
    Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default);
}

/// <summary>A resource that is waited for by being healthy; its parent's health decides it (e.g. a database on a server).</summary>
public interface IResourceWithParent
{
    Resource Parent { get; }
}
