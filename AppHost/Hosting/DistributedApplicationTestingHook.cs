using Microsoft.Extensions.Configuration;

namespace Sia.AppHost.Hosting;

/// <summary>
/// How <see cref="Testing.DistributedApplicationTestingBuilder"/> reaches into the AppHost's entry point: while it runs
/// the entry point, <see cref="DistributedApplication.CreateBuilder"/> takes test options, and the first
/// <see cref="DistributedApplicationBuilder.Build"/> hands the builder over and ends the entry point.
/// </summary>
internal sealed class DistributedApplicationTestingHook(Action<DistributedApplicationOptions> configureOptions, Action<IConfigurationBuilder>? configureConfiguration)
{
    private static readonly AsyncLocal<DistributedApplicationTestingHook?> CurrentHook = new();
    private readonly TaskCompletionSource<DistributedApplicationBuilder> _builder = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _intercepted;

    public static DistributedApplicationTestingHook? Current => CurrentHook.Value;

    public Action<IConfigurationBuilder>? ConfigureConfiguration { get; } = configureConfiguration;

    public Task<DistributedApplicationBuilder> Builder => _builder.Task;

    public void ConfigureOptions(DistributedApplicationOptions options) => configureOptions(options);

    /// <summary>Runs the entry point with this hook in place (the hook flows with the entry point's execution context only).</summary>
    public Task RunEntryPointAsync(Func<Task> entryPoint)
    {
        CurrentHook.Value = this;
        try
        {
            return Task.Run(entryPoint);
        }
        finally
        {
            CurrentHook.Value = null;
        }
    }

    public void InterceptBuild(DistributedApplicationBuilder builder)
    {
        if (Interlocked.Exchange(ref _intercepted, 1) != 0) return;
        _builder.TrySetResult(builder);
        throw new BuildInterceptedException();
    }

    /// <summary>Ends the AppHost's entry point at Build; the test builds and runs the application itself.</summary>
    internal sealed class BuildInterceptedException() : Exception("The testing builder took over at Build().");
}
