using Microsoft.AspNetCore.Connections.Features;

namespace Sia.Gateway.Partners;

/// <summary>
/// The partner whose key was accepted on a call's HTTP/2 connection, kept with the connection: a later call on it with the
/// same partner's key is that partner's, whatever other callers at the same address do (see <see cref="FailedAuthenticationThrottle"/>).
/// </summary>
public static class ConnectionPartner
{
    private static readonly object Key = new();

    public static string? Get(HttpContext context)
    {
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items) return null;
        lock (items) return items.TryGetValue(Key, out var partner) ? partner as string : null;
    }

    public static void Remember(HttpContext context, Partner partner)
    {
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items) return;
        lock (items) items[Key] = partner.Name;
    }
}
