using System.ComponentModel.DataAnnotations;

namespace Sia.Cpd.Registry;

/// <summary>Cpd:Registry: where the registry is, and how long the catalogue waits for its answer.</summary>
internal sealed class RegistryOptions
{
    public const string Section = "Cpd:Registry";

    /// <summary>The registry's address; "http://registry" is resolved by Aspire's service discovery (services:registry:http:0).</summary>
    [Required]
    public Uri Address { get; set; } = new("http://registry");

    /// <summary>The deadline of one question to the registry, retries included; past it the caller gets UNAVAILABLE.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
