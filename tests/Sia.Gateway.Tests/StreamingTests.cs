using Google.Protobuf;
using Grpc.Core;
using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>Streaming calls through the proxy: messages flow as they are sent, both ways.</summary>
public sealed class StreamingTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private static readonly Metadata Key = TestPartners.Bearer(TestPartners.FullKey);

    [Fact]
    public async Task A_server_stream_delivers_a_change_committed_while_the_partner_watches()
    {
        using var channel = stack.CreateChannel();
        using var watch = new RegistryChangeService.RegistryChangeServiceClient(channel)
            .WatchChanges(new WatchChangesRequest(), Key, DateTime.UtcNow.AddSeconds(30));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None)); // the first of the demo data's changes: the stream is open

        // Above the demo schools' establishment numbers, which York's LAESTABs already use.
        var school = TestData.School("816", establishmentNumber: 5000 + TestData.NewUrn() % 4000);
        var created = await new SchoolService.SchoolServiceClient(channel).CreateSchoolAsync(new CreateSchoolRequest { School = school }, Key);

        var seen = new List<string>();
        while (await watch.ResponseStream.MoveNext(CancellationToken.None) && watch.ResponseStream.Current.Resource != created.Name)
            seen.Add(watch.ResponseStream.Current.Resource);
        Assert.Equal(created, watch.ResponseStream.Current.School);
        Assert.NotEmpty(seen); // the rest of the demo data's changes came first, in order
    }

    [Fact]
    public async Task A_client_stream_imports_a_GIAS_extract_sent_in_chunks()
    {
        var file = await File.ReadAllBytesAsync(RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv"));
        using var channel = stack.CreateChannel();
        using var call = new GiasImportService.GiasImportServiceClient(channel).ImportGiasExtract(Key, DateTime.UtcNow.AddSeconds(60));

        for (var offset = 0; offset < file.Length; offset += 700)
            await call.RequestStream.WriteAsync(new ImportGiasExtractRequest { Chunk = ByteString.CopyFrom(file, offset, Math.Min(700, file.Length - offset)) });
        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.Equal((6, 0, 0, 1), (summary.CreatedCount, summary.UpdatedCount, summary.UnchangedCount, summary.RejectedCount));
        Assert.Equal(8, Assert.Single(summary.RejectedRows).LineNumber);
    }
}
