using Google.Protobuf;
using Grpc.Core;
using Sia.Gateway.Tests.Http2;
using Sia.Registry.V1;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>The gateway and the registry logging at their appsettings.json levels (Information), not the test hosts' Warning.</summary>
public sealed class ProductionLoggingStack(PostgresServer postgres) : GatewayStack(postgres)
{
    private static readonly Dictionary<string, string?> InformationLevel = new() { ["Logging:LogLevel:Default"] = "Information" };

    protected override IReadOnlyDictionary<string, string?> Settings => InformationLevel;

    protected override IReadOnlyDictionary<string, string?> BackendSettings => InformationLevel;
}

/// <summary>A call its partner cancels or hangs up on is logged once, by the gateway, in one line without a stack trace.</summary>
public sealed class CancelledCallLogTests(ProductionLoggingStack stack) : IClassFixture<ProductionLoggingStack>
{
    private const int EachWay = 20;
    private const string GetSchool = "/sia.registry.v1.SchoolService/GetSchool";
    private const string WatchChanges = "/sia.registry.v1.RegistryChangeService/WatchChanges";
    private static readonly Metadata FullKey = TestPartners.Bearer(TestPartners.FullKey);
    private static readonly (string, string) FullAuthorization = ("authorization", $"Bearer {TestPartners.FullKey}");

    [Fact]
    public async Task A_hundred_cancelled_calls_log_a_line_each_at_the_gateway_and_none_at_the_registry()
    {
        using var channel = stack.CreateChannel();
        var extract = await File.ReadAllBytesAsync(RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv"));
        stack.GatewayLogs.Clear();
        stack.Backend.Logs.Clear();

        // Each is cancelled once it has reached the registry, so the gateway has a forwarded call to end.
        for (var i = 0; i < EachWay; i++)
        {
            using (var cancel = new CancellationTokenSource())
            using (var watch = new RegistryChangeService.RegistryChangeServiceClient(channel).WatchChanges(new WatchChangesRequest(), FullKey, cancellationToken: cancel.Token))
            {
                Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
                await cancel.CancelAsync();
            }

            using (var cancel = new CancellationTokenSource())
            using (var import = new GiasImportService.GiasImportServiceClient(channel).ImportGiasExtract(WithCallId(FullKey, out var id), cancellationToken: cancel.Token))
            {
                await import.RequestStream.WriteAsync(new ImportGiasExtractRequest { Chunk = ByteString.CopyFrom(extract, 0, extract.Length / 2) });
                await ReachedTheRegistryAsync(id);
                await cancel.CancelAsync();
            }

            await using (var raw = await RawHttp2Connection.OpenAsync(stack.Gateway.Address))
            {
                var cancelled = await raw.StartCallAsync(GetSchool, FullAuthorization, (BackendHost.CallIdHeader, NewCallId(out var cancelledId)));
                await ReachedTheRegistryAsync(cancelledId);
                await raw.ResetAsync(cancelled);
                await raw.StartCallAsync(GetSchool, FullAuthorization, (BackendHost.CallIdHeader, NewCallId(out var abandonedId)));
                await ReachedTheRegistryAsync(abandonedId);
            } // the partner hangs up

            await using (var raw = await RawHttp2Connection.OpenAsync(stack.Gateway.Address))
            {
                var watch = await raw.CallAsync(WatchChanges, new WatchChangesRequest(), FullAuthorization);
                await Until.TrueAsync(() => watch.DataLength > 0, "the watch to start");
            } // the partner hangs up
        }
        await Until.TrueAsync(() => stack.GatewayLogs.Lines.Count >= 5 * EachWay, "the gateway to log every cancelled call");
        await new SchoolService.SchoolServiceClient(channel).GetSchoolAsync(new GetSchoolRequest { Name = "schools/990001" }, FullKey);

        // Every line first, so that a count off by a few says which lines they were.
        Assert.All(stack.GatewayLogs.Lines, line =>
        {
            Assert.Matches("^A call to /sia\\.registry\\.v1\\.[A-Za-z]+/[A-Za-z]+ from Full Partner was cancelled by the client \\([A-Za-z]+\\)$", line.Message);
            Assert.Equal(LogLevel.Information, line.Level);
            Assert.Null(line.Exception);
        });
        // By method, so that a count off by a few says which calls were logged more than once.
        Assert.Equal(
            [("/sia.registry.v1.GiasImportService/ImportGiasExtract", EachWay), ("/sia.registry.v1.RegistryChangeService/WatchChanges", 2 * EachWay),
                ("/sia.registry.v1.SchoolService/GetSchool", 2 * EachWay)],
            stack.GatewayLogs.Lines.GroupBy(line => line.Message.Split(' ')[3]).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
        // The registry's change log listener says once that it listens, whenever its connection comes up: not about calls.
        Assert.DoesNotContain(stack.Backend.Logs.Lines, line => !line.Category.StartsWith("Sia.ServiceKit.Data.CommitListener", StringComparison.Ordinal));
    }

    private Task ReachedTheRegistryAsync(string callId) =>
        Until.TrueAsync(() => stack.Backend.Calls.ContainsKey(callId), "the call to reach the registry");

    private static string NewCallId(out string id) => id = Guid.NewGuid().ToString("N");

    private static Metadata WithCallId(Metadata key, out string id) => new() { key[0], { BackendHost.CallIdHeader, NewCallId(out id) } };
}
