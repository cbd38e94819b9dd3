using System.Runtime.InteropServices;
using Sia.AppHost.Telemetry;

// The orchestration of PostgreSQL, the services and the gateway comes next (issue 4); so far the AppHost runs
// its telemetry collector.
await using var collector = await TelemetryCollector.StartAsync();
Console.WriteLine($"OTLP/gRPC {collector.OtlpGrpcEndpoint}, OTLP/HTTP and the query API {collector.OtlpHttpEndpoint}");
var stopping = new TaskCompletionSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stopping.TrySetResult(); });
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stopping.TrySetResult(); });
await stopping.Task;
