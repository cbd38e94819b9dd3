using System.Diagnostics;
using Grpc.Core;
using Sia.Grpc.Diagnostics;

namespace Grpc.Net.Client;

/// <summary>Client spans, and the W3C trace context sent with each call.</summary>
internal static class GrpcClientDiagnostics
{
    private static readonly ActivitySource Source = new(GrpcDiagnostics.ClientActivitySourceName);

    public static Activity? StartCall(IMethod method)
    {
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity(method.FullName[1..], ActivityKind.Client);
        if (activity is { IsAllDataRequested: true }) GrpcDiagnostics.SetMethodTags(activity, method);
        return activity;
    }

    /// <summary>Sends the call's span as the server's parent. HttpClient's own propagation keeps a traceparent already set.</summary>
    public static void InjectContext(Activity? activity, HttpRequestMessage request)
    {
        if (activity is null) return;
        DistributedContextPropagator.Current.Inject(activity, request, static (carrier, name, value) =>
        {
            var headers = ((HttpRequestMessage)carrier!).Headers;
            if (!headers.Contains(name)) headers.TryAddWithoutValidation(name, value);
        });
    }

    public static void EndCall(Activity? activity, Status status)
    {
        if (activity is null) return;
        if (activity.IsAllDataRequested) GrpcDiagnostics.SetStatus(activity, status, isError: status.StatusCode != StatusCode.OK);
        activity.Stop();
    }
}
