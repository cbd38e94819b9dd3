using Sia.ServiceDefaults;

namespace Sia.Gateway.Partners;

/// <summary>A partner as configured: its name, the SHA-256 of its API key, what the key may call and whom the partner acts for.</summary>
public sealed record Partner(string Name, byte[] KeyHash, IReadOnlyList<PartnerScope> Scopes, PartnerActsFor ActsFor)
{
    public bool MayCall(string path) => Scopes.Any(scope => scope.Allows(path));
}
