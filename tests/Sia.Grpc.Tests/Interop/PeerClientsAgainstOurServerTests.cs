using Sia.Grpc.Tests.Infrastructure;
using Sia.Testing;

namespace Sia.Grpc.Tests.Interop;

/// <summary>Python grpcio (gRPC C-core) and grpc-js clients run every interop case against our server.</summary>
public sealed class PeerClientsAgainstOurServerTests(OurServerFixture fixture) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task Python_grpcio_client(string testCase) =>
        RunClientAsync(PeerProcess.Python, "tests/peers/python/interop_client.py", testCase);

    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task Node_grpc_js_client(string testCase) =>
        RunClientAsync("node", "tests/peers/node/interop_client.js", testCase);

    private async Task RunClientAsync(string fileName, string script, string testCase)
    {
        var (exitCode, output) = await PeerProcess.RunAsync(fileName,
            [RepoPaths.Combine(script), "--server_host=127.0.0.1", $"--server_port={fixture.Server.Port}", $"--test_case={testCase}"],
            TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"{script} {testCase} failed (exit {exitCode}): {output}");
        Assert.Contains($"PASS {testCase}", output);
    }
}
