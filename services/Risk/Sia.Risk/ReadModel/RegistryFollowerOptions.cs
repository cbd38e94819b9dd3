using System.ComponentModel.DataAnnotations;

namespace Sia.Risk.ReadModel;

/// <summary>Risk:Registry: where the registry is, and how <see cref="RegistryFollower"/> waits between attempts to follow it.</summary>
internal sealed class RegistryFollowerOptions
{
    public const string Section = "Risk:Registry";

    /// <summary>The registry's address; "http://registry" is resolved by Aspire's service discovery (services:registry:http:0).</summary>
    [Required]
    public Uri Address { get; set; } = new("http://registry");

    /// <summary>The wait after the stream ends or fails, doubled after each failed attempt up to <see cref="MaxReconnectDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "00:05:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.01", "01:00:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
}
