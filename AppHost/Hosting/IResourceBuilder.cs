namespace Sia.AppHost.Hosting;

/// <summary>A resource being described, for the <c>With*</c> extension methods to chain on.</summary>
public interface IResourceBuilder<out T> where T : Resource
{
    DistributedApplicationBuilder ApplicationBuilder { get; }
    T Resource { get; }
}

internal sealed class ResourceBuilder<T>(DistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T> where T : Resource
{
    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
    public T Resource { get; } = resource;
}
