using Sia.Grpc.Tests.Infrastructure;
using Sia.Testing;

namespace Sia.Grpc.Tests.Interop;

/// <summary>Our interop server, shared by the tests that point peers' clients at it.</summary>
public sealed class OurServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await TestServer.StartAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public sealed class PythonServerFixture : IAsyncLifetime
{
    public PeerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PeerProcess.StartServerAsync(PeerProcess.Python, "tests/peers/python/interop_server.py");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public sealed class NodeServerFixture : IAsyncLifetime
{
    public PeerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PeerProcess.StartServerAsync("node", "tests/peers/node/interop_server.js");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public static class InteropCases
{
    public static TheoryData<string> All { get; } = new(Sia.Grpc.Interop.InteropClient.TestCases);
}
