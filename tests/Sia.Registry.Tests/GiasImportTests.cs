using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using Sia.Registry.Import;
using Sia.Registry.V1;
using Sia.Testing;
using Sia.Testing.Postgres;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

/// <summary>The GIAS import over gRPC, with the Windows-1252 fixture extract (good rows, bad rows, quoted names); a fresh database per test.</summary>
public sealed class GiasImportTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly RegistryHost host = new(postgres) { ConfigureServices = CommandGate.Install };

    public ValueTask InitializeAsync() => host.InitializeAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static readonly Encoding Windows1252 = CodePagesEncoding();
    private static readonly byte[] Fixture = File.ReadAllBytes(RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv"));

    /// <summary>The fixture a little later: URN 100060, open but proposed to close on 31 August 2024, has closed.</summary>
    private static readonly byte[] Closure = Replace(Fixture, "\"3\",\"Open, but proposed to close\"", "\"2\",\"Closed\"");

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
    public async Task Importing_the_same_extract_again_writes_nothing()
    {
        await ImportAsync(Fixture, chunkSize: 4096);
        var (schoolsBefore, authoritiesBefore, changesBefore) = await StoredAsync();

        var again = await ImportAsync(Fixture, chunkSize: 4096);
        var (schoolsAfter, authoritiesAfter, changesAfter) = await StoredAsync();

        Assert.Equal((0, 0, 6, 1), Counts(again));
        Assert.Equal(6, schoolsBefore.Count);
        Assert.Equal(schoolsBefore, schoolsAfter);
        Assert.Equal(authoritiesBefore, authoritiesAfter);
        Assert.Equal(changesBefore, changesAfter);
    }

    /// <summary>Every school's etag and update time, every LA's etag, and the change log's count and last sequence number.</summary>
    private async Task<(List<(string, string, Timestamp)> Schools, List<(string, string)> LocalAuthorities, (long, long) Changes)> StoredAsync()
    {
        var schools = await new SchoolService.SchoolServiceClient(host.CreateChannel()).ListSchoolsAsync(new ListSchoolsRequest { PageSize = 100 });
        var authorities = await new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel()).ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest { PageSize = 100 });
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*), coalesce(max(sequence), 0) FROM changes", connection);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (
            [.. schools.Schools.Select(s => (s.Name, s.Etag, s.UpdateTime))],
            [.. authorities.LocalAuthorities.Select(la => (la.Name, la.Etag))],
            (reader.GetInt64(0), reader.GetInt64(1)));
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
    public async Task A_school_the_extract_closes_leaves_its_alliances_on_its_close_date()
    {
        await ImportAsync(Fixture, chunkSize: 4096);
        var steps = new AllianceSteps(host);
        var alliance = await steps.CreateAllianceAsync("camden", await steps.Schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/100000" }));
        var ended = await steps.JoinAsync(alliance, "schools/100060", AllianceSteps.Day(2010, 9, 1), leave: AllianceSteps.Day(2012, 9, 1));
        var open = await steps.JoinAsync(alliance, "schools/100060", AllianceSteps.Day(2015, 9, 1));

        var proposed = await ImportAsync(Fixture, chunkSize: 4096);
        var membersWhileProposed = await steps.Schools.ListSchoolsAsync(new ListSchoolsRequest { Alliance = alliance.Name });
        var closing = await ImportAsync(Closure, chunkSize: 4096);
        var closedAgain = await ImportAsync(Closure, chunkSize: 4096);
        var school = await steps.Schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/100060" });
        var members = await steps.Schools.ListSchoolsAsync(new ListSchoolsRequest { Alliance = alliance.Name });

        Assert.Equal((0, 0, 6, 1), Counts(proposed));
        Assert.Equal(["schools/100060"], membersWhileProposed.Schools.Select(s => s.Name));
        Assert.Equal((0, 1, 5, 1), Counts(closing));
        Assert.Equal((0, 0, 6, 1), Counts(closedAgain));
        Assert.Equal(2, school.StatusCode);
        Assert.Equal(ended, school.AllianceMemberships[0]);
        Assert.Equal((open.Name, AllianceSteps.Day(2024, 8, 31)), (school.AllianceMemberships[1].Name, school.AllianceMemberships[1].LeaveDate));
        Assert.NotEqual(open.Etag, school.AllianceMemberships[1].Etag);
        Assert.Empty(members.Schools);
    }

    [Fact]
    public async Task An_import_closing_a_school_waits_for_a_join_holding_its_lock_and_ends_the_membership_it_added()
    {
        await ImportAsync(Fixture, chunkSize: 4096);
        var steps = new AllianceSteps(host);
        var alliance = await steps.CreateAllianceAsync("camden", await steps.Schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/100000" }));

        // The real join, paused half done: its checks made and its locks taken, its membership not yet inserted.
        using var halfDone = host.Services.GetRequiredService<CommandGate>().HoldBefore("INSERT INTO alliance_memberships");
        var joining = steps.JoinAsync(alliance, "schools/100060", AllianceSteps.Day(2015, 9, 1));
        await halfDone.ArrivedAsync();
        var importing = ImportAsync(Closure, chunkSize: 4096);
        await Until.TrueAsync(async () => importing.IsCompleted || await halfDone.IsBlockingAsync(host.ConnectionString), "the import to wait for the join (or end)");
        halfDone.Release();
        var joined = await joining;
        var summary = await importing;

        Assert.Equal((0, 1, 5, 1), Counts(summary));
        var school = await steps.Schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/100060" });
        Assert.Equal((joined.Name, AllianceSteps.Day(2024, 8, 31)), (Assert.Single(school.AllianceMemberships).Name, school.AllianceMemberships[0].LeaveDate));
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
            Assert.Contains("sent 12 of 12 KB (100%)\n", output.ToString());
            Assert.Contains("\ncreated 6, updated 0, unchanged 0, rejected 1\n", output.ToString());
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
