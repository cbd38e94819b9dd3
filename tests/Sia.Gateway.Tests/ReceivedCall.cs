using Sia.ServiceDefaults;

namespace Sia.Gateway.Tests;

/// <summary>
/// What the registry received from the gateway: the gRPC path, te, whether an authorization header came, the
/// x-sia-partner* headers, and the partner they name (with whom it acts for) if they verify with the shared key (as
/// ServiceDefaults checks them in the registry).
/// </summary>
public sealed record ReceivedCall(string Path, string Te, bool HadAuthorization, IReadOnlyDictionary<string, string> SiaPartnerHeaders,
    CallingPartner? VerifiedPartner)
{
    public static ReceivedCall From(HttpRequest request)
    {
        var verified = PartnerHeaders.TryVerify(request.Headers, PartnerHeaders.Key(TestPartners.SigningKey), DateTimeOffset.UtcNow,
            PartnerHeaders.DefaultMaxSkew, out var partner);
        return new(
            request.Path.Value ?? "",
            request.Headers.TE.ToString(),
            request.Headers.ContainsKey("authorization"),
            request.Headers.Where(h => h.Key.StartsWith(PartnerHeaders.Prefix, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            verified ? partner : null);
    }
}
