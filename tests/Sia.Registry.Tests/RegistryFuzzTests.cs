using Sia.Registry.Testing.AnyRequest;

namespace Sia.Registry.Tests;

/// <summary>
/// Generated strings (<see cref="StringFuzz"/>) in every string field of every request of every registry RPC: every answer
/// is one a caller can act on, never UNKNOWN or INTERNAL, and the host logs no unhandled exception.
/// </summary>
public sealed class RegistryFuzzTests(SampledRegistryHost registry) : IClassFixture<SampledRegistryHost>
{
    private const int Seed = 20261128;

    [Fact]
    public async Task Generated_strings_in_every_field_are_answered_with_an_actionable_status_and_no_unhandled_exception()
    {
        var run = await StringFuzz.RunAsync(registry, registry.Client, Seed, stringsPerField: 3);

        Assert.True(run.Unexpected.Count == 0, $"Seed {Seed}, {run.Calls} calls; these answered otherwise:\n{string.Join('\n', run.Unexpected)}");
        var unhandled = registry.LoggedErrors.Where(entry => !StringFuzz.IsExpectedClash(entry)).ToList();
        Assert.True(unhandled.Count == 0, string.Join("\n=====\n", unhandled));
        Assert.InRange(run.Calls, 300, 1_000);
    }
}
