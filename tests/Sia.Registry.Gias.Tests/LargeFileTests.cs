using Sia.Registry.Gias.Tests.Infrastructure;

namespace Sia.Registry.Gias.Tests;

public sealed class LargeFileTests
{
    [Fact]
    public async Task A_GIAS_sized_extract_streams_through()
    {
        const int Rows = 50_000;
        var count = 0;
        var lastUrn = 0;

        await foreach (var result in GiasReader.ReadAsync(new SyntheticGiasStream(Rows), cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Null(result.Rejected);
            count++;
            lastUrn = result.Row!.Urn;
        }

        Assert.Equal(Rows, count);
        Assert.Equal(100_000 + Rows - 1, lastUrn);
    }

    [Fact]
    public async Task The_LA_filter_keeps_only_that_LAs_rows_of_a_large_extract()
    {
        var urns = new List<int>();

        await foreach (var result in GiasReader.ReadAsync(new SyntheticGiasStream(5_000), new HashSet<int> { 203 }, TestContext.Current.CancellationToken))
        {
            urns.Add(result.Row!.Urn);
        }

        Assert.Equal(500, urns.Count);
        Assert.All(urns, urn => Assert.Equal(2, (urn - 100_000) % 10));
    }
}
