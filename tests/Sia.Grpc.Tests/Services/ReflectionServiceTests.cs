using Google.Protobuf.Reflection;
using Grpc.Core;
using Sia.Grpc.Tests.Infrastructure;
using Sia.Testing;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Sia.Grpc.Tests.Services;

/// <summary>Server reflection, asked by our own clients of both versions and by buf curl (a real third-party client).</summary>
public sealed class ReflectionServiceTests(Interop.OurServerFixture fixture) : IClassFixture<Interop.OurServerFixture>
{
    private static readonly string Buf = RepoPaths.Combine("node_modules", ".bin", "buf");

    [Fact]
    public async Task V1_lists_the_services_and_serves_the_file_of_a_symbol_with_its_dependencies()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "grpc.testing.TestService.UnaryCall" });
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" });
        await call.RequestStream.CompleteAsync();
        var responses = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(
            ["grpc.testing.TestService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            responses[0].ListServicesResponse.Service.Select(s => s.Name));
        var files = responses[1].FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).Select(f => f.Name).ToList();
        Assert.Equal("grpc/testing/test.proto", files[0]);
        Assert.Contains("grpc/testing/messages.proto", files);
        Assert.Contains("grpc/testing/empty.proto", files);
        Assert.Equal((int)StatusCode.NotFound, responses[2].ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task V1alpha_answers_like_v1()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" });
        await call.RequestStream.CompleteAsync();
        var response = Assert.Single(await call.ResponseStream.ReadAllAsync().ToListAsync());

        var file = FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("grpc.health.v1", file.Package);
        Assert.Equal("grpc/health/v1/health.proto", response.OriginalRequest.FileByFilename);
    }

    [Theory]
    [InlineData("grpc-v1")]
    [InlineData("grpc-v1alpha")]
    public async Task Buf_curl_lists_methods_by_reflection(string reflectProtocol)
    {
        var (exitCode, output) = await PeerProcess.RunAsync(Buf,
            ["curl", "--protocol", "grpc", "--http2-prior-knowledge", "--reflect-protocol", reflectProtocol, "--list-methods", fixture.Server.Address.ToString()],
            TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, output);
        Assert.Contains("grpc.testing.TestService/UnaryCall", output);
        Assert.Contains("grpc.health.v1.Health/Check", output);
    }

    [Fact]
    public async Task Buf_curl_calls_a_method_described_by_reflection()
    {
        var (exitCode, output) = await PeerProcess.RunAsync(Buf,
            ["curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", """{"responseSize": 3}""",
             new Uri(fixture.Server.Address, "grpc.testing.TestService/UnaryCall").ToString()],
            TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"body\": \"AAAA\"", output);
    }

    [Fact]
    public async Task Buf_lint_passes_on_the_protos()
    {
        var (exitCode, output) = await PeerProcess.RunAsync(Buf, ["lint"], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, output);
    }
}
