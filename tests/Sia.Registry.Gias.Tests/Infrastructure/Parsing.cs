using Xunit.Sdk;

namespace Sia.Registry.Gias.Tests.Infrastructure;

public static class Parsing
{
    /// <summary>Feeds the bytes to a new reader in chunks of the given size, then completes it.</summary>
    public static List<GiasParseResult> Parse(byte[] bytes, int chunkSize = int.MaxValue, IReadOnlySet<int>? laFilter = null)
    {
        var reader = new GiasReader(laFilter);
        var results = new List<GiasParseResult>();
        for (var offset = 0; offset < bytes.Length; offset += Math.Min(chunkSize, bytes.Length - offset))
        {
            results.AddRange(reader.Feed(bytes.AsSpan(offset, Math.Min(chunkSize, bytes.Length - offset))));
        }
        results.AddRange(reader.Complete());
        return results;
    }

    public static GiasSchoolRow SingleRow(byte[] bytes)
    {
        var result = Assert.Single(Parse(bytes));
        return result.Row ?? throw new XunitException($"The row was rejected: {result.Rejected?.Reason}");
    }

    public static GiasRejectedRow SingleRejection(byte[] bytes) =>
        Assert.Single(Parse(bytes)).Rejected ?? throw new XunitException("The row was not rejected.");
}
