using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Sia.Contracts;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>
/// The gateway serves gRPC reflection itself, v1 and v1alpha, without a key: buf curl reads the schema, then shows the
/// gateway's real answer to the call, and decodes rich errors' google.rpc details.
/// </summary>
public sealed class ReflectionTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    [Theory]
    [InlineData("grpc-v1")]
    [InlineData("grpc-v1alpha")]
    public async Task buf_curl_lists_the_routed_services_methods_without_a_key(string protocol)
    {
        var (exitCode, output) = await BufCurlAsync("--list-methods", "--reflect-protocol", protocol, stack.Gateway.Address.ToString());

        Assert.True(exitCode == 0, output);
        var methods = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("sia.registry.v1.SchoolService/GetSchool", methods);
        Assert.Contains("sia.registry.v1.GiasImportService/ImportGiasExtract", methods);
        Assert.Contains("sia.registry.v1.RegistryChangeService/WatchChanges", methods);
        // Every method of every SIA service has a route, and nothing else is listed (not health, nor reflection itself).
        Assert.Equal(ApiDescriptors.Services.SelectMany(service => service.Methods).Select(method => $"{method.Service.FullName}/{method.Name}").Order(),
            methods.Order());
    }

    [Theory]
    [InlineData("grpc-v1")]
    [InlineData("grpc-v1alpha")]
    public async Task buf_curl_calls_a_method_it_learnt_by_reflection(string protocol)
    {
        var (exitCode, output) = await BufCurlAsync("--reflect-protocol", protocol, "-H", $"authorization: Bearer {TestPartners.ReaderKey}",
            "-d", """{"name": "schools/990102"}""", Method("SchoolService/GetSchool"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"urn\": 990102", output);
        Assert.Contains("\"localAuthorityCode\": \"806\"", output);
    }

    [Fact]
    public async Task A_call_without_a_key_shows_the_gateways_UNAUTHENTICATED_message()
    {
        var (exitCode, output) = await BufCurlAsync("-d", """{"name": "schools/990102"}""", Method("SchoolService/GetSchool"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("unauthenticated", output);
        Assert.Contains("This call needs your SIA partner API key", output);
    }

    [Fact]
    public async Task A_rich_error_shows_its_field_violations_in_the_message()
    {
        var (exitCode, output) = await BufCurlAsync("-H", $"authorization: Bearer {TestPartners.FullKey}", "-d", """{"name": "schools/12"}""",
            Method("SchoolService/GetSchool"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("\"code\": \"invalid_argument\"", output);
        Assert.Contains("\"message\": \"name: 'schools/12' is not a school name", output);
        Assert.Contains("\"type\": \"google.rpc.BadRequest\"", output); // buf shows the detail's value as base64
    }

    [Theory]
    [InlineData("google.rpc.BadRequest")]
    [InlineData("google.rpc.ResourceInfo")]
    [InlineData("google.rpc.PreconditionFailure")]
    public async Task Reflection_describes_the_error_details_the_services_send(string symbol)
    {
        using var channel = stack.CreateChannel();
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = symbol }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();
        Assert.Contains(files, file => file.Name == "google/rpc/error_details.proto");
    }

    private string Method(string path) => new Uri(stack.Gateway.Address, $"sia.registry.v1.{path}").ToString();

    private static Task<(int ExitCode, string Output)> BufCurlAsync(params string[] args) => PeerProcess.RunAsync(
        RepoPaths.Combine("node_modules", ".bin", "buf"), ["curl", "--protocol", "grpc", "--http2-prior-knowledge", .. args],
        TimeSpan.FromSeconds(60));
}
