using Grpc.Testing;
using Sia.Grpc.Tests.Infrastructure;
using static Sia.Grpc.Tests.Infrastructure.RawGrpc;

namespace Sia.Grpc.Tests.Server;

/// <summary>A server configured to compress does so only for clients that accept the algorithm.</summary>
public sealed class ResponseCompressionTests
{
    [Theory]
    [InlineData("identity,gzip", "gzip", 1)]
    [InlineData("identity", null, 0)]
    public async Task Responses_are_compressed_when_the_client_accepts_it(string acceptEncoding, string? expectedEncoding, byte expectedFlag)
    {
        await using var server = await TestServer.StartAsync(builder => builder.Services.AddGrpc(o => o.ResponseCompressionAlgorithm = "gzip"));
        using var client = server.CreateRawClient();

        var response = await PostAsync(client, "/grpc.testing.TestService/UnaryCall", Frame(new SimpleRequest { ResponseSize = 1000 }),
            headers: [("grpc-accept-encoding", acceptEncoding)]);

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(expectedEncoding, response.Header("grpc-encoding"));
        Assert.Equal(expectedFlag, response.Body[0]);
    }
}
