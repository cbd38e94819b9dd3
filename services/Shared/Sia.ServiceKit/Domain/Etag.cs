using System.Globalization;
using Sia.Contracts.DomainErrors;

namespace Sia.ServiceKit.Domain;

/// <summary>Etags from row versions (PostgreSQL xmin), weak-quoted as in HTTP.</summary>
public static class Etag
{
    public static string From(uint version) => $"W/\"{version}\"";

    /// <summary>The version an etag stands for; an empty etag means "whatever the current version is".</summary>
    public static uint? Parse(string etag, string field)
    {
        if (etag.Length == 0) return null;
        if (etag is ['W', '/', '"', .. var digits, '"'] && uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return version;
        throw new ValidationFailedException(field, $"{TextChecks.Quote(etag)} is not an etag this service issued.");
    }

    /// <summary>A <see cref="ConcurrentChangeException"/> unless the etag the caller sent (if any) stands for the resource's current version.</summary>
    public static void ThrowIfStale(uint? expected, uint current, string resourceName)
    {
        if (expected is { } version && version != current) throw new ConcurrentChangeException(resourceName);
    }
}
