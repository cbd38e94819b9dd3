namespace Sia.Gateway.Partners;

/// <summary>A partner as configured: its name, the SHA-256 of its API key and what the key may call.</summary>
public sealed record Partner(string Name, byte[] KeyHash, IReadOnlyList<PartnerScope> Scopes)
{
    /// <summary>Services any partner with a valid key may call: reflection, so that tools can list the methods.</summary>
    public static readonly IReadOnlySet<string> OpenToAnyPartner = new HashSet<string>(StringComparer.Ordinal)
    {
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    };

    public bool MayCall(string path) =>
        OpenToAnyPartner.Contains(ServiceOf(path)) || Scopes.Any(scope => scope.Allows(path));

    private static string ServiceOf(string path) => path.Split('/') is ["", var service, _] ? service : "";
}
