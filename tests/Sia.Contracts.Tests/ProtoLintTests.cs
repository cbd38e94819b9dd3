using Sia.Testing;

namespace Sia.Contracts.Tests;

public sealed class ProtoLintTests
{
    [Fact]
    public async Task The_protos_pass_buf_lint()
    {
        var (exitCode, output) = await PeerProcess.RunAsync("bash", [RepoPaths.Combine("protos", "lint.sh")], TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, output);
        Assert.Equal("", output.Trim());
    }
}
