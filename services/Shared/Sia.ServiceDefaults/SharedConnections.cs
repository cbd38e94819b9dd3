using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sia.ServiceDefaults;

internal static class SharedConnections
{
    /// <summary>
    /// Kestrel checks MinRequestBodyDataRate on a whole HTTP/2 connection: one call whose body stalls past the grace period
    /// (5 s) aborts the connection and every call on it. A service's connections come from the gateway and carry many
    /// partners' calls at once, so a service does not check it: the gateway bounds each call's request body
    /// (Gateway:RequestBodyTimeout), and a caller's deadline bounds its call. MinResponseDataRate stays: Kestrel counts
    /// only time blocked on the socket, not a stream waiting for its reader's flow control, so one slow reader cannot trip it.
    /// </summary>
    public static void KeepSharedConnectionsOpen(this IHostApplicationBuilder builder) =>
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MinRequestBodyDataRate = null);
}
