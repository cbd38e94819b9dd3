using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Sia.Registry.Import;
using Sia.Registry.V1;
using Sia.Testing;
using Sia.Testing.Postgres;

namespace Sia.Registry.Tests;

/// <summary>The GIAS import over gRPC, with the Windows-1252 fixture extract (good rows, bad rows, quoted names); a fresh database per test.</summary>
public sealed class GiasImportTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly RegistryHost host = new(postgres);

    public ValueTask InitializeAsync() => host.InitializeAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static readonly Encoding Windows1252 = CodePagesEncoding();
    private static readonly byte[] Fixture = File.ReadAllBytes(RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv"));

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_and_an_edited_row_is_an_update()
    {
        var first = await ImportAsync(Fixture, chunkSize: 1000);
        var second = await ImportAsync(Fixture, chunkSize: 333);
        var edited = await ImportAsync(Replace(Fixture, "The Aldgate School", "The Aldgate Primary School"), chunkSize: 64 * 1024);

        Assert.Equal((6, 0, 0, 1), Counts(first));
        Assert.Equal(8, Assert.Single(first.RejectedRows).LineNumber);
        Assert.Contains("URN 'ABC'", first.RejectedRows[0].Reason);
        Assert.Equal((0, 0, 6, 1), Counts(second));
        Assert.Equal((0, 1, 5, 1), Counts(edited));
        var schools = new SchoolService.SchoolServiceClient(host.CreateChannel());
        Assert.Equal("St Thérèse’s Catholic Primary School", (await schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/100050" })).DisplayName);
        Assert.Equal("The Aldgate Primary School", (await schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/100000" })).DisplayName);
        var localAuthorities = await new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel()).ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest());
        Assert.Contains(localAuthorities.LocalAuthorities, la => la.Code == "202");
    }

    [Fact]
    public async Task A_school_keeps_its_cluster_when_the_extract_is_imported_again()
    {
        await ImportAsync(Fixture, chunkSize: 4096);
        var cluster = await new ClusterService.ClusterServiceClient(host.CreateChannel()).CreateClusterAsync(
            new CreateClusterRequest { Parent = "localAuthorities/201", ClusterId = "city", Cluster = new Cluster { DisplayName = "City" } });
        var schools = new SchoolService.SchoolServiceClient(host.CreateChannel());
        await schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = "schools/100000", Cluster = cluster.Name },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "cluster" } },
        });

        var again = await ImportAsync(Fixture, chunkSize: 4096);

        Assert.Equal((0, 0, 6, 1), Counts(again));
        Assert.Equal(cluster.Name, (await schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/100000" })).Cluster);
    }

    [Fact]
    public async Task A_file_without_the_GIAS_header_is_rejected_before_anything_is_written()
    {
        var notGias = Windows1252.GetBytes("Name,Phase\r\nSome School,Primary\r\n");

        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(notGias, chunkSize: 10));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("URN", error.Status.Detail);
    }

    [Fact]
    public async Task The_local_authority_filter_imports_only_that_LAs_schools()
    {
        var summary = await ImportAsync(Fixture, chunkSize: 4096, "localAuthorities/202");

        Assert.Equal((3, 0, 0, 0), Counts(summary));
    }

    [Fact]
    public async Task A_row_that_breaks_a_constraint_is_rejected_and_the_rest_of_its_batch_is_kept()
    {
        var lines = Windows1252.GetString(Fixture).Split("\r\n");
        var clash = "100999" + lines[1]["100000".Length..]; // same LA and establishment number as line 2, also open
        var file = Windows1252.GetBytes(string.Join("\r\n", [.. lines.Where(l => l.Length > 0), clash]) + "\r\n");

        var summary = await ImportAsync(file, chunkSize: 8192);

        Assert.Equal(6, summary.CreatedCount);
        Assert.Equal(2, summary.RejectedCount);
        Assert.Contains(summary.RejectedRows, r => r.LineNumber == 10 && r.Reason.Contains("LAESTAB 2013614"));
    }

    [Fact]
    public async Task The_command_line_import_streams_a_file_to_the_registry()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edubasealldata-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, Fixture);
        try
        {
            var output = new StringWriter();

            var exitCode = await ImportGiasCommand.RunAsync([path, "--registry", host.Address.ToString()], output);

            Assert.Equal(0, exitCode);
            Assert.StartsWith("created 6, updated 0, unchanged 0, rejected 1", output.ToString());
            Assert.Contains("line 8: URN 'ABC'", output.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<ImportGiasExtractResponse> ImportAsync(byte[] file, int chunkSize, params string[] localAuthorities)
    {
        using var call = new GiasImportService.GiasImportServiceClient(host.CreateChannel()).ImportGiasExtract();
        for (var offset = 0; offset < file.Length; offset += chunkSize)
        {
            var request = new ImportGiasExtractRequest { Chunk = ByteString.CopyFrom(file, offset, Math.Min(chunkSize, file.Length - offset)) };
            if (offset == 0) request.LocalAuthorities.AddRange(localAuthorities);
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    private static (int, int, int, int) Counts(ImportGiasExtractResponse r) => (r.CreatedCount, r.UpdatedCount, r.UnchangedCount, r.RejectedCount);

    private static byte[] Replace(byte[] file, string from, string to) => Windows1252.GetBytes(Windows1252.GetString(file).Replace(from, to));

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
