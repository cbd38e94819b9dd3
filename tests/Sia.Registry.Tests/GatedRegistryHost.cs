using Sia.Testing.Postgres;

namespace Sia.Registry.Tests;

/// <summary>A registry shared by a test class, with a <see cref="CommandGate"/> on its DbContext for the class's race tests.</summary>
public sealed class GatedRegistryHost(PostgresServer postgres) : IAsyncLifetime
{
    public RegistryHost Registry { get; } = new(postgres) { ConfigureServices = CommandGate.Install };

    public CommandGate Gate => Registry.Services.GetRequiredService<CommandGate>();

    public ValueTask InitializeAsync() => Registry.InitializeAsync();

    public ValueTask DisposeAsync() => Registry.DisposeAsync();
}
