using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Sia.AppHost.Hosting;

/// <summary>
/// Describes the stack: its resources and how they are wired. Configuration comes from the environment and the
/// command line (<c>AppHost:StateDirectory</c>, <c>AppHost:RandomizePorts</c>, <c>Parameters:*</c>,
/// <c>ConnectionStrings:*</c>...). <see cref="Build"/> makes the <see cref="DistributedApplication"/> that runs it.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly DistributedApplicationTestingHook? _testingHook;

    internal DistributedApplicationBuilder(string[] args, DistributedApplicationTestingHook? testingHook)
    {
        _testingHook = testingHook;
        Configuration = new ConfigurationManager();
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine(args);
        testingHook?.ConfigureConfiguration?.Invoke(Configuration);
        var section = Configuration.GetSection("AppHost");
        Options = new DistributedApplicationOptions
        {
            StateDirectory = section["StateDirectory"] ?? Path.GetFullPath(Path.Combine(AppHostProjectDirectory, "..", ".sia")),
            EnvironmentName = Configuration["DOTNET_ENVIRONMENT"] ?? "Development",
            RandomizePorts = section.GetValue("RandomizePorts", false),
        };
        testingHook?.ConfigureOptions(Options);
    }

    private static string AppHostProjectDirectory => typeof(DistributedApplicationBuilder).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AppHostProjectDirectory").Value!;

    public ConfigurationManager Configuration { get; }
    public DistributedApplicationOptions Options { get; }
    public IReadOnlyList<Resource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (FindResource<Resource>(resource.Name) is not null)
            throw new DistributedApplicationException($"There is already a resource named '{resource.Name}'.");
        if (resource.Name.Length == 0 || !resource.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new DistributedApplicationException($"'{resource.Name}' is not a valid resource name: use ASCII letters, digits and '-'.");
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>A builder for a resource already added, to change it (a test lowering a limit, say).</summary>
    public IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : Resource =>
        new ResourceBuilder<T>(this, FindResource<T>(name) ?? throw new DistributedApplicationException($"There is no {typeof(T).Name} named '{name}'."));

    /// <summary>The resource with this name (names are unique, ignoring case) if it is a <typeparamref name="T"/>.</summary>
    internal T? FindResource<T>(string name) where T : class =>
        _resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) as T;

    /// <summary>Makes the application. Under the testing builder, the first call hands this builder to the test instead.</summary>
    public DistributedApplication Build()
    {
        _testingHook?.InterceptBuild(this);
        return new DistributedApplication(this);
    }
}

/// <summary>A mistake in the application's description or a resource that cannot run; its message says what to do.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
