using System.Diagnostics;
using Grpc.Core;

namespace Sia.Grpc.Diagnostics;

/// <summary>
/// The ActivitySource names our gRPC runtime traces under. Each call is one span named
/// "package.Service/Method" with the OpenTelemetry RPC attributes.
/// </summary>
public static class GrpcDiagnostics
{
    public const string ServerActivitySourceName = "Sia.Grpc.Server";
    public const string ClientActivitySourceName = "Sia.Grpc.Client";

    internal static void SetMethodTags(Activity activity, IMethod method)
    {
        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", method.ServiceName);
        activity.SetTag("rpc.method", method.Name);
    }

    /// <summary>Records the status code, and marks the span failed when the status counts as an error for its side.</summary>
    internal static void SetStatus(Activity activity, Status status, bool isError)
    {
        activity.SetTag("rpc.grpc.status_code", (int)status.StatusCode);
        if (isError) activity.SetStatus(ActivityStatusCode.Error, status.StatusCode.ToString());
    }
}
