namespace Sia.Gateway.Partners;

/// <summary>A partner as configured: its name, the SHA-256 of its API key and what the key may call.</summary>
public sealed record Partner(string Name, byte[] KeyHash, IReadOnlyList<PartnerScope> Scopes)
{
    public bool MayCall(string path) => Scopes.Any(scope => scope.Allows(path));
}
