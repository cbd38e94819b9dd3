using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.Gateway.Tests.Http2;
using Sia.Registry.V1;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>
/// A gateway that waits 8 s for a call's request message: past the 5.6 s after which one stalled call used to reset the
/// gateway's connection to the registry, and every other partner's calls on it.
/// </summary>
public sealed class StalledRequestStack(PostgresServer postgres) : GatewayStack(postgres)
{
    public static readonly TimeSpan RequestBodyTimeout = TimeSpan.FromSeconds(8);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:RequestBodyTimeout"] = RequestBodyTimeout.ToString(),
    };
}

/// <summary>A call that sends its HEADERS and then nothing costs that call alone, through the gateway and at the registry.</summary>
public sealed class StalledRequestTests(StalledRequestStack stack) : IClassFixture<StalledRequestStack>
{
    private const string GetSchool = "/sia.registry.v1.SchoolService/GetSchool";
    private const string WatchChanges = "/sia.registry.v1.RegistryChangeService/WatchChanges";
    private static readonly GetSchoolRequest Minster = new() { Name = "schools/990001" };
    private static readonly Metadata FullKey = TestPartners.Bearer(TestPartners.FullKey);

    [Fact]
    public async Task A_call_whose_message_never_comes_ends_DEADLINE_EXCEEDED_alone_while_another_partners_stream_and_calls_go_on()
    {
        using var channel = stack.CreateChannel();
        var schools = new SchoolService.SchoolServiceClient(channel);
        using var watch = new RegistryChangeService.RegistryChangeServiceClient(channel).WatchChanges(new WatchChangesRequest(), FullKey);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        await using var raw = await RawHttp2Connection.OpenAsync(stack.Gateway.Address);

        var clock = Stopwatch.StartNew();
        var stalled = await raw.StartCallAsync(GetSchool, ("authorization", $"Bearer {TestPartners.ReaderKey}"));
        var unaryCalls = 0;
        await Until.TrueAsync(async () =>
        {
            Assert.Equal(Minster.Name, (await schools.GetSchoolAsync(Minster, FullKey)).Name);
            unaryCalls++;
            await Task.Delay(100); // well inside the partner's rate limit
            return stalled.Ended;
        }, "the gateway to end the stalled call");
        var ended = clock.Elapsed;
        var created = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816", establishmentNumber: 5000 + TestData.NewUrn() % 4000) }, FullKey);
        while (await watch.ResponseStream.MoveNext(CancellationToken.None) && watch.ResponseStream.Current.Resource != created.Name) { }

        stalled.AssertTrailersOnly(StatusCode.DeadlineExceeded);
        Assert.Equal("The call's request message did not arrive within 8 s, so the SIA gateway ended the call: send the message with the call, " +
                     "and end the request stream after it.", stalled["grpc-message"]);
        Assert.InRange(ended, StalledRequestStack.RequestBodyTimeout, StalledRequestStack.RequestBodyTimeout + TimeSpan.FromSeconds(5));
        Assert.InRange(unaryCalls, 20, int.MaxValue);
        Assert.Equal(created.Name, watch.ResponseStream.Current.Resource);
    }

    [Fact]
    public async Task A_client_stream_may_last_longer_than_the_timeout_while_it_keeps_sending()
    {
        var file = await File.ReadAllBytesAsync(RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv"));
        using var channel = stack.CreateChannel();
        using var call = new GiasImportService.GiasImportServiceClient(channel).ImportGiasExtract(FullKey);
        var clock = Stopwatch.StartNew();

        var chunk = file.Length / 10 + 1;
        for (var offset = 0; offset < file.Length; offset += chunk)
        {
            await call.RequestStream.WriteAsync(new ImportGiasExtractRequest { Chunk = ByteString.CopyFrom(file, offset, Math.Min(chunk, file.Length - offset)) });
            await Task.Delay(StalledRequestStack.RequestBodyTimeout / 8);
        }
        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.True(clock.Elapsed > StalledRequestStack.RequestBodyTimeout, $"took {clock.Elapsed}");
        Assert.Equal(1, summary.RejectedCount);
    }

    [Fact]
    public async Task A_client_stream_that_sends_nothing_for_longer_than_the_timeout_ends_DEADLINE_EXCEEDED()
    {
        using var channel = stack.CreateChannel();
        using var call = new GiasImportService.GiasImportServiceClient(channel).ImportGiasExtract(FullKey);

        await call.RequestStream.WriteAsync(new ImportGiasExtractRequest { Chunk = ByteString.CopyFromUtf8("URN,") });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("Nothing more of the call's request stream arrived for 8 s, so the SIA gateway ended the call: keep sending, or end the " +
                     "request stream when it is complete.", error.Status.Detail);
    }

    [Fact]
    public async Task At_the_registry_a_stalled_call_and_a_reader_that_stopped_leave_the_other_calls_on_their_connection_alone()
    {
        // Streams may receive 1 KB before the client gives flow control back: the stopped reader is stuck at once.
        await using var raw = await RawHttp2Connection.OpenAsync(stack.Backend.Address, initialWindowSize: 1024);
        using var direct = GrpcChannel.ForAddress(stack.Backend.Address);

        var clock = Stopwatch.StartNew();
        var stalled = await raw.StartCallAsync(GetSchool);
        var stoppedReader = await raw.CallAsync(WatchChanges, new WatchChangesRequest());
        stoppedReader.Reading = false;
        var watch = await raw.CallAsync(WatchChanges, new WatchChangesRequest());
        // Kestrel aborted the connection 5 s (its grace period) after the stall began, on its next one-second tick. The calls
        // are spaced out: a connection's bodies arriving fast enough between them all would satisfy its minimum data rate.
        while (clock.Elapsed < TimeSpan.FromSeconds(8))
        {
            var call = await raw.CallAsync(GetSchool, Minster);
            await Until.TrueAsync(() => call.Ended, "a GetSchool on the same connection to end");
            Assert.Equal("0", call["grpc-status"]);
            await Task.Delay(500);
        }
        var created = await new SchoolService.SchoolServiceClient(direct).CreateSchoolAsync(
            new CreateSchoolRequest { School = TestData.School("816", establishmentNumber: 5000 + TestData.NewUrn() % 4000) });
        await Until.TrueAsync(() => watch.DataText.Contains(created.Name, StringComparison.Ordinal), "the watch on the same connection to see the new school");

        Assert.Null(raw.GoAwayCode);
        Assert.False(raw.Closed);
        Assert.False(stalled.Ended);
        Assert.False(stoppedReader.Ended);
        Assert.False(watch.Ended);
    }
}
