using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>buf curl lists the registry's methods through the gateway by reflection, which needs a partner key (any scope).</summary>
public sealed class ReflectionTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    [Theory]
    [InlineData(TestPartners.FullKey)]
    [InlineData(TestPartners.ReaderKey)]
    public async Task buf_curl_lists_the_registrys_methods_through_the_gateway_with_any_partners_key(string key)
    {
        var (exitCode, output) = await ListMethodsAsync("--reflect-header", $"authorization: Bearer {key}");

        Assert.True(exitCode == 0, output);
        var methods = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("sia.registry.v1.SchoolService/GetSchool", methods);
        Assert.Contains("sia.registry.v1.GiasImportService/ImportGiasExtract", methods);
        Assert.Contains("sia.registry.v1.RegistryChangeService/WatchChanges", methods);
    }

    [Fact]
    public async Task Without_a_key_reflection_is_refused()
    {
        var (exitCode, output) = await ListMethodsAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("not authenticated", output); // buf words UNAUTHENTICATED its own way
        Assert.DoesNotContain("GetSchool", output);
    }

    private Task<(int ExitCode, string Output)> ListMethodsAsync(params string[] flags) => PeerProcess.RunAsync(
        RepoPaths.Combine("node_modules", ".bin", "buf"),
        ["curl", "--protocol", "grpc", "--http2-prior-knowledge", "--list-methods", .. flags, stack.Gateway.Address.ToString()],
        TimeSpan.FromSeconds(60));
}
