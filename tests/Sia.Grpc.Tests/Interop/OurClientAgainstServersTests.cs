using Sia.Grpc.Interop;

namespace Sia.Grpc.Tests.Interop;

/// <summary>Our client runs every interop case against our own server, a Python grpcio server and a grpc-js server.</summary>
public sealed class OurClientAgainstServersTests(OurServerFixture ours, PythonServerFixture python, NodeServerFixture node)
    : IClassFixture<OurServerFixture>, IClassFixture<PythonServerFixture>, IClassFixture<NodeServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task Our_server(string testCase) => RunAsync(ours.Server.Port, testCase);

    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task Python_grpcio_server(string testCase) => RunAsync(python.Server.Port, testCase);

    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public Task Node_grpc_js_server(string testCase)
    {
        if (testCase.StartsWith("server_compressed_", StringComparison.Ordinal))
        {
            Assert.Skip("grpc-js servers never compress responses (a library limitation), so the compressed-flag assertion cannot hold.");
        }
        return RunAsync(node.Server.Port, testCase);
    }

    private static async Task RunAsync(int port, string testCase)
    {
        using var client = InteropClient.ForAddress($"http://127.0.0.1:{port}");
        await client.RunTestCaseAsync(testCase);
    }
}
