using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Sia.Registry.Data;
using Sia.Registry.V1;
using Sia.Testing.Postgres;
using Sia.ServiceKit.Grpc;
using Sia.Testing;
using Sia.Contracts.Ofsted;

namespace Sia.Registry.Tests;

/// <summary>
/// The change feed: every committed change once, in commit order, resumable; a fresh database per test, whose writes of the
/// change log a test can hold open (<see cref="ChangeLogWriteHold"/>).
/// </summary>
public sealed class WatchChangesTests : IAsyncLifetime
{
    private readonly ChangeLogWriteHold hold = new();
    private readonly PostgresServer postgres;
    private readonly RegistryHost host;

    public WatchChangesTests(PostgresServer postgres)
    {
        this.postgres = postgres;
        host = new(postgres) { ConfigureServices = services => services.ConfigureDbContext<RegistryDbContext>(options => options.AddInterceptors(hold)) };
    }

    public ValueTask InitializeAsync() => host.InitializeAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Resuming_after_a_disconnect_continues_without_gaps_or_duplicates()
    {
        using var channel = host.CreateChannel();
        var schools = new SchoolService.SchoolServiceClient(channel);
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        var first = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var second = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });

        var beforeDisconnect = await ReadAsync(channel, resumeToken: "", count: 2);
        // While the watcher is away: an update, and a create.
        await schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = first.Name, Pupils = 399 },
            UpdateMask = new FieldMask { Paths = { "pupils" } },
        });
        var third = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var afterResume = await ReadAsync(channel, beforeDisconnect[^1].ResumeToken, count: 3);

        Assert.Equal(
            ["localAuthorities/816 Created", $"{first.Name} Created", $"{second.Name} Created", $"{first.Name} Updated", $"{third.Name} Created"],
            beforeDisconnect.Concat(afterResume).Select(c => $"{c.Resource} {c.ChangeType}"));
        Assert.Equal(399, afterResume[1].School.Pupils);
        Assert.Equal(5, beforeDisconnect.Concat(afterResume).Select(c => c.ResumeToken).Distinct().Count());
    }

    [Fact]
    public async Task A_watcher_receives_a_change_committed_while_it_watches()
    {
        using var channel = host.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "332", "Dudley");
        var existing = await ReadAsync(channel, resumeToken: "", count: 1);
        using var watch = new RegistryChangeService.RegistryChangeServiceClient(channel)
            .WatchChanges(new WatchChangesRequest { ResumeToken = existing[0].ResumeToken }, deadline: DateTime.UtcNow.AddSeconds(20));

        var created = await new SchoolService.SchoolServiceClient(channel).CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("332") });

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(created.Name, watch.ResponseStream.Current.Resource);
        Assert.Equal(created, watch.ResponseStream.Current.School);
    }

    [Fact]
    public async Task A_change_committed_while_an_earlier_one_is_still_open_reaches_the_watcher_after_it()
    {
        using var channel = host.CreateChannel();
        var schools = new SchoolService.SchoolServiceClient(channel);
        var la = await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        await using var watcher = new ChangeWatcher(channel);
        await watcher.ReceivedAsync(1);

        hold.Arm();
        var earlier = schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        AsyncUnaryCall<School> later;
        try
        {
            // The earlier write has its change's sequence number, uncommitted. The later one waits for it to commit; were
            // nothing ordering the log, it would commit now with the next number, and a watcher would read it and move past
            // the earlier one's number before that committed.
            await hold.Held.WaitAsync(Until.Generous);
            later = schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
            await Until.TrueAsync(async () => later.ResponseAsync.IsCompleted || await DatabaseSessions.AnyWaitsForALockAsync(host.ConnectionString),
                "the later write to commit or to wait for a lock");
        }
        finally
        {
            hold.Release();
        }
        var (first, second) = (await earlier, await later);
        var last = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var changes = await watcher.ReceivedAsync(last.Name);

        Assert.Equal(string.Join(", ", la.Name, first.Name, second.Name, last.Name), string.Join(", ", changes.Select(c => c.Resource)));
    }

    [Fact]
    public async Task Clusters_alliances_memberships_and_system_leaders_are_in_the_change_log()
    {
        using var channel = host.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        var cluster = await new ClusterService.ClusterServiceClient(channel).CreateClusterAsync(new CreateClusterRequest { Parent = "localAuthorities/816", ClusterId = "north", Cluster = new Cluster { DisplayName = "North" } });
        var school = await new SchoolService.SchoolServiceClient(channel).CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var alliances = new AllianceService.AllianceServiceClient(channel);
        var alliance = await alliances.CreateAllianceAsync(new CreateAllianceRequest
        {
            AllianceId = "ebor",
            Alliance = new Alliance { DisplayName = "Ebor", Kind = Alliance.Types.Kind.TeachingSchoolAlliance, LeadSchool = school.Name },
        });
        var membership = await alliances.CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
        {
            Parent = alliance.Name,
            AllianceMembership = new AllianceMembership { School = school.Name, JoinDate = new Google.Type.Date { Year = 2015, Month = 9, Day = 1 } },
        });
        var leader = await new SystemLeaderService.SystemLeaderServiceClient(channel).CreateSystemLeaderAsync(new CreateSystemLeaderRequest
        {
            SystemLeader = new SystemLeader { DisplayName = "A. Leader", Designation = SystemLeader.Types.Designation.Nle, HomeSchool = school.Name, Active = true },
        });

        var changes = await ReadAsync(channel, resumeToken: "", count: 6);

        Assert.Equal(
            ["localAuthorities/816 Created", $"{cluster.Name} Created", $"{school.Name} Created", $"{alliance.Name} Created", $"{school.Name} Updated", $"{leader.Name} Created"],
            changes.Select(c => $"{c.Resource} {c.ChangeType}"));
        Assert.Equal(cluster, changes[1].Cluster);
        Assert.Equal(alliance, changes[3].Alliance);
        Assert.Equal([membership], changes[4].School.AllianceMemberships);
        Assert.Equal(leader, changes[5].SystemLeader);
    }

    [Fact]
    public async Task A_recorded_inspection_is_a_change_with_all_its_grades_and_its_school_changes_when_it_is_the_latest()
    {
        using var channel = host.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        var school = await new SchoolService.SchoolServiceClient(channel).CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var inspections = new InspectionService.InspectionServiceClient(channel);
        var reportCard = await inspections.CreateInspectionAsync(new CreateInspectionRequest
        {
            Parent = school.Name,
            Inspection = new Inspection
            {
                InspectionDate = new Google.Type.Date { Year = 2025, Month = 11, Day = 20 },
                Framework = Inspection.Types.Framework.ReportCard2025,
                ReportCardAreas = { ["inclusion"] = Inspection.Types.ReportCardGrade.StrongStandard, ["achievement"] = Inspection.Types.ReportCardGrade.NeedsAttention },
                Safeguarding = Inspection.Types.Safeguarding.NotMet,
                CategoryOfConcern = Inspection.Types.CategoryOfConcern.None,
            },
        });
        // Older than the latest: the school's latest inspection stays, so only the inspection changes.
        var earlier = await inspections.CreateInspectionAsync(new CreateInspectionRequest
        {
            Parent = school.Name,
            Inspection = new Inspection
            {
                InspectionDate = new Google.Type.Date { Year = 2023, Month = 1, Day = 25 },
                Framework = Inspection.Types.Framework.EducationInspectionFramework2019,
                OverallGrade = 3,
                KeyJudgements = { ["quality_of_education"] = 3, ["behaviour_and_attitudes"] = 2 },
            },
        });
        var next = await new SchoolService.SchoolServiceClient(channel).CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });

        var changes = await ReadAsync(channel, resumeToken: "", count: 6);

        Assert.Equal(
            ["localAuthorities/816 Created", $"{school.Name} Created", $"{reportCard.Name} Created", $"{school.Name} Updated", $"{earlier.Name} Created", $"{next.Name} Created"],
            changes.Select(c => $"{c.Resource} {c.ChangeType}"));
        Assert.Equal(reportCard, changes[2].Inspection);
        Assert.Equal(reportCard.Name, changes[3].School.LatestInspection.Inspection);
        Assert.Equal(earlier, changes[4].Inspection);
        Assert.Equal(Inspection.Types.Safeguarding.NotMet, changes[2].Inspection.Safeguarding);
        Assert.Equal(3, changes[4].Inspection.KeyJudgements["quality_of_education"]);
    }

    [Fact]
    public async Task Closing_a_school_is_one_change_of_the_school_with_its_memberships_ended()
    {
        using var channel = host.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        var steps = new AllianceSteps(host);
        var school = await steps.CreateSchoolAsync("816");
        var alliance = await steps.CreateAllianceAsync("ebor", school);
        var membership = await steps.JoinAsync(alliance, school, AllianceSteps.Day(2015, 9, 1));
        var before = await ReadAsync(channel, resumeToken: "", count: 4);

        await steps.Schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = school.Name, StatusCode = 2, CloseDate = AllianceSteps.Day(2024, 8, 31) },
            UpdateMask = new FieldMask { Paths = { "status_code", "close_date" } },
        });
        var next = await steps.CreateSchoolAsync("816");
        var changes = await ReadAsync(channel, before[^1].ResumeToken, count: 2);

        Assert.Equal([$"{school.Name} Updated", $"{next.Name} Created"], changes.Select(c => $"{c.Resource} {c.ChangeType}"));
        Assert.Equal(2, changes[0].School.StatusCode);
        var ended = Assert.Single(changes[0].School.AllianceMemberships);
        Assert.Equal(AllianceSteps.Day(2024, 8, 31), ended.LeaveDate);
        Assert.NotEqual(membership.Etag, ended.Etag);
    }

    [Fact]
    public async Task A_registry_that_stops_ends_its_streams_at_once_rather_than_at_its_shutdown_timeout()
    {
        var stopping = new RegistryHost(postgres)
        {
            // Longer than Until waits: a stream that held up the shutdown would fail the test.
            ConfigureServices = services => services.Configure<HostOptions>(options => options.ShutdownTimeout = 2 * Until.Generous),
        };
        await stopping.InitializeAsync();
        using var channel = stopping.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        using var watch = new RegistryChangeService.RegistryChangeServiceClient(channel).WatchChanges(new WatchChangesRequest());
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        await stopping.DisposeAsync().AsTask().WaitAsync(Until.Generous);

        Assert.False(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, watch.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_resume_token_that_was_not_issued_is_invalid()
    {
        using var channel = host.CreateChannel();
        using var watch = new RegistryChangeService.RegistryChangeServiceClient(channel).WatchChanges(new WatchChangesRequest { ResumeToken = "not-a-token" });

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    /// <summary>Reads a number of changes, then disconnects.</summary>
    private static async Task<List<Change>> ReadAsync(GrpcChannel channel, string resumeToken, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = new RegistryChangeService.RegistryChangeServiceClient(channel).WatchChanges(new WatchChangesRequest { ResumeToken = resumeToken }, cancellationToken: cts.Token);
        var changes = new List<Change>();
        while (changes.Count < count && await watch.ResponseStream.MoveNext(CancellationToken.None)) changes.Add(watch.ResponseStream.Current);
        return changes;
    }
}
