using System.Reflection;
using Microsoft.Extensions.Configuration;
using Sia.AppHost.Hosting;

namespace Sia.AppHost.Testing;

/// <summary>
/// Starts the real stack in a test, as Aspire.Hosting.Testing does: runs the AppHost's own entry point up to
/// <c>Build()</c> and returns its builder, with every port free, a throwaway state directory (a fresh PostgreSQL,
/// deleted on dispose), the collector on free ports, and output kept in memory instead of the console.
/// <code>
/// var builder = await DistributedApplicationTestingBuilder.CreateAsync&lt;Program&gt;();
/// await using var app = builder.Build();
/// await app.StartAsync();
/// var gateway = app.GetEndpoint("gateway");
/// </code>
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <param name="configuration">Settings as the AppHost's configuration would have them, e.g. <c>Parameters:x</c>.</param>
    public static async Task<DistributedApplicationBuilder> CreateAsync<TEntryPoint>(string[]? args = null,
        IReadOnlyDictionary<string, string?>? configuration = null, CancellationToken cancellationToken = default) where TEntryPoint : class
    {
        var entryPoint = typeof(TEntryPoint).Assembly.EntryPoint
            ?? throw new ArgumentException($"{typeof(TEntryPoint).Assembly.GetName().Name} has no entry point.", nameof(TEntryPoint));
        var state = Path.Combine(Path.GetTempPath(), $"sia-apphost-{Guid.NewGuid():N}"[..24]);
        var hook = new DistributedApplicationTestingHook(options =>
        {
            options.StateDirectory = state;
            options.DeleteStateOnStop = true;
            options.RandomizePorts = true;
            options.WriteToConsole = false;
            options.HandleSignals = false;
            options.OtlpGrpcPort = 0;
            options.OtlpHttpPort = 0;
        }, configuration is null ? null : builder => builder.AddInMemoryCollection(configuration));

        var run = hook.RunEntryPointAsync(() =>
        {
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args ?? []]);
            }
            catch (TargetInvocationException e) when (e.InnerException is DistributedApplicationTestingHook.BuildInterceptedException) { }
            return Task.CompletedTask;
        });
        var first = await Task.WhenAny(hook.Builder, run).WaitAsync(cancellationToken);
        if (first == run)
        {
            await run; // an exception from the entry point, as it is
            if (!hook.Builder.IsCompleted) throw new InvalidOperationException($"{entryPoint.DeclaringType?.Assembly.GetName().Name}'s entry point ended without calling Build().");
        }
        return await hook.Builder;
    }
}
