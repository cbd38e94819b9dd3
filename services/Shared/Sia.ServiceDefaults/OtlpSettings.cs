using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Sia.ServiceDefaults;

/// <summary>
/// The OTEL_* settings Aspire gives a service, read from configuration (where the environment lands), so that
/// whatever sets configuration, an AppHost or a test, drives the export.
/// </summary>
internal sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string? ServiceName, IReadOnlyDictionary<string, string> ResourceAttributes,
    int TraceDelayMilliseconds, int LogDelayMilliseconds, int MetricIntervalMilliseconds)
{
    /// <summary>The settings, or null when OTEL_EXPORTER_OTLP_ENDPOINT is not set: then nothing is exported.</summary>
    public static OtlpSettings? From(IConfiguration configuration)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return null;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new InvalidOperationException($"OTEL_EXPORTER_OTLP_ENDPOINT '{endpoint}' is not an absolute URL.");
        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"OTEL_EXPORTER_OTLP_PROTOCOL '{other}' is not supported: use grpc or http/protobuf."),
        };
        return new OtlpSettings(uri, protocol, configuration["OTEL_SERVICE_NAME"], ParseAttributes(configuration["OTEL_RESOURCE_ATTRIBUTES"]),
            Milliseconds(configuration, "OTEL_BSP_SCHEDULE_DELAY", 5000),
            Milliseconds(configuration, "OTEL_BLRP_SCHEDULE_DELAY", 5000),
            Milliseconds(configuration, "OTEL_METRIC_EXPORT_INTERVAL", 60000));
    }

    /// <summary>Exporter options for one signal; over HTTP each signal has its own path under the endpoint.</summary>
    public OtlpExporterOptions ExporterOptions(string httpPath) => new()
    {
        Protocol = Protocol,
        Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(Endpoint, httpPath) : Endpoint,
    };

    /// <summary>"key=value,key=value" as the OpenTelemetry specification writes it (values percent-encoded).</summary>
    private static Dictionary<string, string> ParseAttributes(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Length > 0)
            .ToDictionary(parts => parts[0].Trim(), parts => Uri.UnescapeDataString(parts[1].Trim()));

    private static int Milliseconds(IConfiguration configuration, string key, int defaultValue) =>
        int.TryParse(configuration[key], out var value) && value > 0 ? value : defaultValue;
}
