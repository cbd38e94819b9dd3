using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.Gateway.Tests.Http2;
using Sia.Registry.V1;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Gateway.Tests;

/// <summary>A gateway allowing each partner 2 streaming calls at once.</summary>
public sealed class StreamLimitStack(PostgresServer postgres) : GatewayStack(postgres)
{
    public const int MaxStreams = 2;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:MaxStreamsPerPartner"] = MaxStreams.ToString(),
    };
}

public sealed class StreamLimitTests(StreamLimitStack stack) : IClassFixture<StreamLimitStack>
{
    private const string WatchChanges = "/sia.registry.v1.RegistryChangeService/WatchChanges";
    private static readonly Metadata FullKey = TestPartners.Bearer(TestPartners.FullKey);
    private static readonly string Extract = RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv");

    [Fact]
    public async Task A_partner_at_its_cap_is_refused_RESOURCE_EXHAUSTED_naming_it_until_one_ends_and_others_are_not()
    {
        using var channel = stack.CreateChannel();
        var watches = new List<AsyncServerStreamingCall<Change>>();
        for (var i = 0; i < StreamLimitStack.MaxStreams; i++) watches.Add(await OpenWatchAsync(channel, FullKey));

        var refused = await Assert.ThrowsAsync<RpcException>(() => OpenWatchAsync(channel, FullKey));
        var raw = await RawGrpc.CallAsync(stack.Gateway.Address, WatchChanges, new WatchChangesRequest(), ("authorization", $"Bearer {TestPartners.FullKey}"));
        var import = new GiasImportService.GiasImportServiceClient(channel).ImportGiasExtract(FullKey);
        var importRefused = await Assert.ThrowsAsync<RpcException>(() => import.ResponseAsync);
        using var otherPartners = await OpenWatchAsync(channel, TestPartners.Bearer(TestPartners.WatcherKey));
        var school = await new SchoolService.SchoolServiceClient(channel).GetSchoolAsync(new GetSchoolRequest { Name = "schools/990001" }, FullKey);
        watches[0].Dispose();
        AsyncServerStreamingCall<Change>? again = null;
        await Until.TrueAsync(async () => (again = await TryOpenWatchAsync(channel)) is not null, "a new stream once one ended");
        watches[0] = again!;

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("Partner 'Full Partner' already has 2 streaming calls open, the most the SIA gateway allows a partner at once: end one " +
                     "(or let it finish) before opening another.", refused.Status.Detail);
        raw.AssertTrailersOnly(StatusCode.ResourceExhausted);
        Assert.Equal(StatusCode.ResourceExhausted, importRefused.StatusCode); // client streams count too
        Assert.Equal("schools/990001", school.Name); // unary calls do not
        foreach (var watch in watches) watch.Dispose();
    }

    public static TheoryData<string> Endings => ["the partner cancels it", "the partner hangs up", "its deadline passes", "the service refuses it",
        "the service answers it"];

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task A_stream_gives_its_place_back_however_it_ends(string ending)
    {
        using var channel = stack.CreateChannel();

        // Were places not given back, the third stream would be refused for good.
        for (var i = 0; i < StreamLimitStack.MaxStreams + 2; i++)
            await Until.TrueAsync(() => StreamAndEndAsync(channel, ending), $"stream {i + 1} to be let through");
    }

    /// <summary>Opens a streaming call and ends it as <paramref name="ending"/> says; false if the gateway refused it at the cap.</summary>
    private async Task<bool> StreamAndEndAsync(GrpcChannel channel, string ending)
    {
        var changes = new RegistryChangeService.RegistryChangeServiceClient(channel);
        try
        {
            switch (ending)
            {
                case "the partner cancels it":
                    using (var cancel = new CancellationTokenSource())
                    using (var watch = changes.WatchChanges(new WatchChangesRequest(), FullKey, cancellationToken: cancel.Token))
                    {
                        await watch.ResponseStream.MoveNext(CancellationToken.None);
                        await cancel.CancelAsync();
                    }
                    return true;
                case "the partner hangs up":
                    await using (var raw = await RawHttp2Connection.OpenAsync(stack.Gateway.Address))
                    {
                        var watch = await raw.CallAsync(WatchChanges, new WatchChangesRequest(), ("authorization", $"Bearer {TestPartners.FullKey}"));
                        await Until.TrueAsync(() => watch.Ended || watch.DataLength > 0, "the watch to answer");
                        return watch["grpc-status"] != ((int)StatusCode.ResourceExhausted).ToString();
                    }
                case "its deadline passes":
                    using (var watch = changes.WatchChanges(new WatchChangesRequest(), FullKey, DateTime.UtcNow.AddSeconds(1)))
                    {
                        var error = await Assert.ThrowsAsync<RpcException>(async () => { while (await watch.ResponseStream.MoveNext(CancellationToken.None)) { } });
                        if (error.StatusCode != StatusCode.DeadlineExceeded) throw error;
                    }
                    return true;
                case "the service refuses it":
                    using (var watch = changes.WatchChanges(new WatchChangesRequest { ResumeToken = "not-a-token" }, FullKey))
                    {
                        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));
                        if (error.StatusCode != StatusCode.InvalidArgument) throw error;
                    }
                    return true;
                default:
                    using (var import = new GiasImportService.GiasImportServiceClient(channel).ImportGiasExtract(FullKey))
                    {
                        try
                        {
                            await import.RequestStream.WriteAsync(new ImportGiasExtractRequest { Chunk = ByteString.CopyFrom(await File.ReadAllBytesAsync(Extract)) });
                            await import.RequestStream.CompleteAsync();
                        }
                        catch (Exception)
                        {
                            // The call ended before the file was sent: its status says why.
                        }
                        Assert.Equal(1, (await import).RejectedCount);
                    }
                    return true;
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            return false;
        }
    }

    private static async Task<AsyncServerStreamingCall<Change>> OpenWatchAsync(GrpcChannel channel, Metadata key)
    {
        var watch = new RegistryChangeService.RegistryChangeServiceClient(channel).WatchChanges(new WatchChangesRequest(), key);
        try
        {
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
            return watch;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    private static async Task<AsyncServerStreamingCall<Change>?> TryOpenWatchAsync(GrpcChannel channel)
    {
        try
        {
            return await OpenWatchAsync(channel, FullKey);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            return null;
        }
    }
}
