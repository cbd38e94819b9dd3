using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Testing;
using Sia.Grpc.Diagnostics;
using Sia.Grpc.Tests.Infrastructure;

namespace Sia.Grpc.Tests.Client;

/// <summary>Each call is a client span and a server span in one trace, with the OpenTelemetry RPC attributes.</summary>
public sealed class TracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            // ASP.NET Core's and HttpClient's spans sit between ours; listening to them shows the whole chain.
            ShouldListenTo = source => source.Name is GrpcDiagnostics.ServerActivitySourceName or GrpcDiagnostics.ClientActivitySourceName
                or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_call_is_one_trace_of_a_client_span_and_its_server_span()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var parent = new Activity("caller").Start();

        await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 1 });
        var (client, serverSpan) = await SpansOfAsync("grpc.testing.TestService/UnaryCall");

        Assert.Equal(parent.TraceId, client.TraceId);
        Assert.Equal(client.TraceId, serverSpan.TraceId);
        Assert.Contains(client.SpanId, AncestorsOf(serverSpan));
        Assert.Equal(ActivityKind.Client, client.Kind);
        Assert.Equal(ActivityKind.Server, serverSpan.Kind);
        foreach (var span in new[] { client, serverSpan })
        {
            Assert.Equal("grpc", span.GetTagItem("rpc.system"));
            Assert.Equal("grpc.testing.TestService", span.GetTagItem("rpc.service"));
            Assert.Equal("UnaryCall", span.GetTagItem("rpc.method"));
            Assert.Equal(0, span.GetTagItem("rpc.grpc.status_code"));
        }
    }

    [Fact]
    public async Task A_failed_call_records_its_status_code_on_both_spans()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var parent = new Activity("caller").Start();

        await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 13, Message = "boom" } }));
        var (client, serverSpan) = await SpansOfAsync("grpc.testing.TestService/UnaryCall");

        Assert.Equal(13, client.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(13, serverSpan.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityStatusCode.Error, client.Status);
        Assert.Equal(ActivityStatusCode.Error, serverSpan.Status);
    }

    /// <summary>The span ids above a span, following parent links through every span captured.</summary>
    private List<ActivitySpanId> AncestorsOf(Activity span)
    {
        var byId = _stopped.Where(a => a.TraceId == span.TraceId).ToDictionary(a => a.SpanId);
        var ancestors = new List<ActivitySpanId>();
        for (var parent = span.ParentSpanId; parent != default; parent = byId.TryGetValue(parent, out var next) ? next.ParentSpanId : default)
        {
            ancestors.Add(parent);
        }
        return ancestors;
    }

    private async Task<(Activity Client, Activity Server)> SpansOfAsync(string name)
    {
        var traceId = Activity.Current!.TraceId;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var spans = _stopped.Where(a => a.TraceId == traceId && a.DisplayName == name).ToList();
            var client = spans.FirstOrDefault(a => a.Kind == ActivityKind.Client);
            var server = spans.FirstOrDefault(a => a.Kind == ActivityKind.Server);
            if (client is not null && server is not null) return (client, server);
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"Spans of {name} not found among {_stopped.Count} stopped activities.");
    }
}
