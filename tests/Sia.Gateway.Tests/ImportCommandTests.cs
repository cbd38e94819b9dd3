using Sia.Registry.Import;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>import-gias through the gateway, as a partner: the key from --key or SIA_API_KEY, progress, then the summary.</summary>
public sealed class ImportCommandTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private static readonly string Extract = RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv");
    private static readonly Dictionary<string, string?> NoKeyInEnvironment = new();

    [Fact]
    public async Task It_imports_through_the_gateway_with_the_key_from_the_environment()
    {
        var output = new StringWriter();

        var exitCode = await ImportGiasCommand.RunAsync(["--gateway", stack.Gateway.Address.ToString(), Extract], output,
            new Dictionary<string, string?> { [ImportGiasCommand.KeyVariable] = TestPartners.FullKey });

        Assert.True(exitCode == 0, output.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sent 12 of 12 KB (100%)", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("created ", StringComparison.Ordinal) && line.EndsWith(", rejected 1", StringComparison.Ordinal));
        Assert.Contains("line 8: URN 'ABC'", output.ToString());
    }

    [Fact]
    public async Task A_key_the_gateway_does_not_know_is_reported_with_the_gateways_message()
    {
        var output = new StringWriter();

        var exitCode = await ImportGiasCommand.RunAsync(["--gateway", stack.Gateway.Address.ToString(), "--key", "not-a-key", Extract], output,
            NoKeyInEnvironment);

        Assert.Equal(1, exitCode);
        Assert.Contains($"import-gias: {stack.Gateway.Address} answered Unauthenticated: The API key is not valid", output.ToString());
    }

    [Fact]
    public async Task A_key_without_the_import_scope_is_PERMISSION_DENIED()
    {
        var output = new StringWriter();

        var exitCode = await ImportGiasCommand.RunAsync(["--gateway", stack.Gateway.Address.ToString(), "--key", TestPartners.ReaderKey, Extract],
            output, NoKeyInEnvironment);

        Assert.Equal(1, exitCode);
        Assert.Contains("answered PermissionDenied: Partner 'Schools Reader' may not call /sia.registry.v1.GiasImportService/ImportGiasExtract", output.ToString());
    }

    [Theory]
    [InlineData("--gateway http://localhost:5100 FILE", "the gateway needs a partner's API key: --key KEY or the environment variable SIA_API_KEY")]
    [InlineData("--registry http://localhost:5101 --gateway http://localhost:5100 --key k FILE", "--registry or --gateway, not both")]
    [InlineData("--key k FILE", "--key is for the gateway: a registry takes no key")]
    [InlineData("--gateway", "'--gateway' is not an option here, or it lacks its value")]
    [InlineData("--local-authority 816", "which file? Give the path of a GIAS extract")]
    public async Task A_command_line_that_cannot_work_says_why_and_exits_2(string commandLine, string problem)
    {
        var output = new StringWriter();

        var exitCode = await ImportGiasCommand.RunAsync(commandLine.Replace("FILE", Extract).Split(' '), output, NoKeyInEnvironment);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"import-gias: {problem}", output.ToString());
        Assert.Contains("usage: import-gias FILE", output.ToString());
    }
}
