using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sia.AppHost.Otlp.Collector.Logs;
using Sia.AppHost.Otlp.Collector.Metrics;
using Sia.AppHost.Otlp.Collector.Trace;

namespace Sia.AppHost.Telemetry;

/// <summary>
/// Receives OTLP from every resource, on the standalone Aspire dashboard's ports by default: OTLP/gRPC (h2c, through
/// our gRPC runtime) on 18889 and OTLP/HTTP protobuf on 18890, which also serves the query API under /api.
/// </summary>
public sealed class TelemetryCollector : IAsyncDisposable
{
    public const int DefaultGrpcPort = 18889;
    public const int DefaultHttpPort = 18890;

    private readonly WebApplication _app;

    private TelemetryCollector(WebApplication app, TelemetryStore store, Uri grpcEndpoint, Uri httpEndpoint)
    {
        _app = app;
        Store = store;
        OtlpGrpcEndpoint = grpcEndpoint;
        OtlpHttpEndpoint = httpEndpoint;
    }

    public TelemetryStore Store { get; }

    /// <summary>What a resource's OTEL_EXPORTER_OTLP_ENDPOINT is set to, with OTEL_EXPORTER_OTLP_PROTOCOL=grpc.</summary>
    public Uri OtlpGrpcEndpoint { get; }

    /// <summary>OTLP/HTTP (POST /v1/traces, /v1/logs, /v1/metrics) and the query API (GET /api/...).</summary>
    public Uri OtlpHttpEndpoint { get; }

    /// <summary>Starts listening on loopback; a port of 0 takes any free port.</summary>
    public static async Task<TelemetryCollector> StartAsync(int grpcPort = DefaultGrpcPort, int httpPort = DefaultHttpPort, CancellationToken cancellationToken = default)
    {
        var store = new TelemetryStore();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(store);
        // Ctrl+C and SIGTERM belong to the AppHost, which stops the resources first and the collector last.
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.MapGrpcService<TraceReceiver>();
        app.MapGrpcService<LogsReceiver>();
        app.MapGrpcService<MetricsReceiver>();
        MapOtlpHttp(app, store);
        TelemetryQueryApi.Map(app, store);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        Uri Bound(int requested, int index) => requested != 0 ? new Uri($"http://127.0.0.1:{requested}") : addresses[index];
        return new TelemetryCollector(app, store, Bound(grpcPort, 0), Bound(httpPort, 1));
    }

    private static void MapOtlpHttp(WebApplication app, TelemetryStore store)
    {
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            store.Add(OtlpConversion.ToRecords(await ReadAsync(ExportTraceServiceRequest.Parser, request)));
            return Protobuf(new ExportTraceServiceResponse());
        });
        app.MapPost("/v1/logs", async (HttpRequest request) =>
        {
            store.Add(OtlpConversion.ToRecords(await ReadAsync(ExportLogsServiceRequest.Parser, request)));
            return Protobuf(new ExportLogsServiceResponse());
        });
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            store.Add(OtlpConversion.ToRecords(await ReadAsync(ExportMetricsServiceRequest.Parser, request)));
            return Protobuf(new ExportMetricsServiceResponse());
        });
    }

    private static async Task<T> ReadAsync<T>(MessageParser<T> parser, HttpRequest request) where T : IMessage<T>
    {
        if (request.ContentType?.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase) != true)
            throw new Microsoft.AspNetCore.Http.BadHttpRequestException("OTLP/HTTP takes application/x-protobuf here (not JSON).", StatusCodes.Status415UnsupportedMediaType);
        var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return parser.ParseFrom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static IResult Protobuf(IMessage response) => Results.Bytes(response.ToByteArray(), "application/x-protobuf");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A host lifetime that leaves the process's signals alone.</summary>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
