using System.ComponentModel.DataAnnotations;

namespace Sia.Cpd.Registry;

/// <summary>Cpd:Registry: where the registry is, how long the service waits for its answer, and how long it remembers what it was told.</summary>
internal sealed class RegistryOptions
{
    public const string Section = "Cpd:Registry";

    /// <summary>The registry's address; "http://registry" is resolved by Aspire's service discovery (services:registry:http:0).</summary>
    [Required]
    public Uri Address { get; set; } = new("http://registry");

    /// <summary>The deadline of one question to the registry, retries included; past it the caller gets UNAVAILABLE.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a school the registry has (its local authority, whether it is open) and an alliance's memberships are
    /// remembered, sparing the registry questions per booking: a school closed in the registry may still be booked, and a
    /// membership just added or ended count as before, for this long. 0: ask every time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheTime { get; set; } = TimeSpan.FromSeconds(30);
}
