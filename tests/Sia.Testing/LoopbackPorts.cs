using System.Net;
using System.Net.Sockets;

namespace Sia.Testing;

public static class LoopbackPorts
{
    /// <summary>A TCP port free on 127.0.0.1 at the time of asking (a caller that then fails to bind should retry).</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }
}
