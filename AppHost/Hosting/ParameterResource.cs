using System.Security.Cryptography;

namespace Sia.AppHost.Hosting;

/// <summary>
/// A value for resources' environment, from configuration <c>Parameters:{name}</c> (environment
/// <c>Parameters__{name}</c>), or generated once per run when <see cref="Generated"/> and not configured.
/// Secret values are never printed.
/// </summary>
public sealed class ParameterResource(string name, string value, bool secret, bool generated) : Resource(name)
{
    public string Value { get; } = value;
    public bool Secret { get; } = secret;
    public bool Generated { get; } = generated;

    /// <summary>32 random bytes as URL-safe base64 (43 characters): enough for an HMAC key.</summary>
    internal static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
