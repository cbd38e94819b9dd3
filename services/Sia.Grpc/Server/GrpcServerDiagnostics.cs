using System.Diagnostics;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Sia.Grpc.Diagnostics;

namespace Grpc.Shared.Server;

/// <summary>Server spans: a child of ASP.NET Core's request activity when there is one, else of the caller's traceparent.</summary>
internal static class GrpcServerDiagnostics
{
    private static readonly ActivitySource Source = new(GrpcDiagnostics.ServerActivitySourceName);

    public static Activity? StartCall(IMethod method, HttpContext httpContext)
    {
        if (!Source.HasListeners()) return null;
        var parent = Activity.Current?.Context ?? ExtractParent(httpContext.Request.Headers);
        var activity = Source.StartActivity(method.FullName[1..], ActivityKind.Server, parent);
        if (activity is { IsAllDataRequested: true }) GrpcDiagnostics.SetMethodTags(activity, method);
        return activity;
    }

    public static void EndCall(Activity? activity, Status status)
    {
        if (activity is not { IsAllDataRequested: true }) return;
        // Server spans count only server-side faults as errors (OpenTelemetry RPC conventions).
        var isError = status.StatusCode is StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Unimplemented
            or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss;
        GrpcDiagnostics.SetStatus(activity, status, isError);
    }

    private static ActivityContext ExtractParent(IHeaderDictionary headers)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers,
            static (carrier, name, out value, out values) =>
            {
                values = null;
                value = ((IHeaderDictionary)carrier!)[name].ToString();
                if (value.Length == 0) value = null;
            },
            out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }
}
