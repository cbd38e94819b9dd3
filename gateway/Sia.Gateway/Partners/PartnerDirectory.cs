using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sia.ServiceDefaults;

namespace Sia.Gateway.Partners;

/// <summary>Finds the partner an API key belongs to; follows configuration reloads.</summary>
public sealed class PartnerDirectory
{
    private volatile Partner[] _partners;

    public PartnerDirectory(IOptionsMonitor<GatewayOptions> options)
    {
        _partners = Build(options.CurrentValue);
        options.OnChange(changed => _partners = Build(changed));
    }

    /// <summary>
    /// The partner whose key hash matches the key's, or null. Every configured hash is compared, in constant time, so the
    /// time taken says nothing about how close a guess came or which partner it matched.
    /// </summary>
    public Partner? Find(string apiKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiKey), hash);
        Partner? found = null;
        foreach (var partner in _partners)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, partner.KeyHash)) found ??= partner;
        }
        return found;
    }

    private static Partner[] Build(GatewayOptions options) =>
    [
        .. options.Partners.Select(p => new Partner(
            p.Name,
            Convert.FromHexString(p.KeyHash),
            [.. p.Scopes.Select(s => PartnerScope.TryParse(s, out var scope) ? scope : throw new InvalidOperationException($"Invalid scope '{s}'."))],
            PartnerActsFor.Of(p.ActsFor.LocalAuthorities, p.ActsFor.Alliances, p.ActsFor.Schools))),
    ];
}
