using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Google.Type;
using Sia.Registry.V1;
using Sia.Testing;
using static Sia.Registry.Tests.AllianceSteps;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Tests;

/// <summary>Closing a school through UpdateSchool ends the alliance memberships it still has.</summary>
public sealed class SchoolClosureTests(GatedRegistryHost gated) : IClassFixture<GatedRegistryHost>, IAsyncLifetime
{
    private static readonly Date CloseDate = Day(2024, 8, 31);
    private readonly RegistryHost host = gated.Registry;
    private readonly AllianceSteps steps = new(gated.Registry);

    public async ValueTask InitializeAsync() =>
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel()), "816", "York");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Closing_a_school_ends_its_running_memberships_on_its_close_date_and_leaves_ended_ones_alone()
    {
        var school = await steps.CreateSchoolAsync("816");
        var ebor = await steps.CreateAllianceAsync("closing-ebor", await steps.CreateSchoolAsync("816"));
        var hub = await steps.CreateAllianceAsync("closing-hub", await steps.CreateSchoolAsync("816"));
        var ended = await steps.JoinAsync(ebor, school, Day(2010, 9, 1), leave: Day(2012, 9, 1));
        var open = await steps.JoinAsync(ebor, school, Day(2015, 9, 1));
        var pastClosure = await steps.JoinAsync(hub, school, Day(2020, 9, 1), leave: Day(2099, 9, 1));
        var membersBefore = await MembersTodayAsync(ebor, hub);

        var closed = await CloseAsync(school, CloseDate);
        var stale = await Assert.ThrowsAsync<RpcException>(() => steps.Alliances.UpdateAllianceMembershipAsync(new UpdateAllianceMembershipRequest
        {
            AllianceMembership = new AllianceMembership { Name = open.Name, Etag = open.Etag, LeaveDate = Day(2024, 7, 1) },
            UpdateMask = new FieldMask { Paths = { "leave_date" } },
        }).ResponseAsync);

        Assert.Equal([school.Name, school.Name], membersBefore);
        Assert.Equal([ended.Name, open.Name, pastClosure.Name], closed.AllianceMemberships.Select(m => m.Name));
        Assert.Equal(ended, closed.AllianceMemberships[0]);
        Assert.Equal([CloseDate, CloseDate], closed.AllianceMemberships.Skip(1).Select(m => m.LeaveDate));
        Assert.NotEqual(open.Etag, closed.AllianceMemberships[1].Etag);
        Assert.NotEqual(pastClosure.Etag, closed.AllianceMemberships[2].Etag);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(closed, await steps.Schools.GetSchoolAsync(new GetSchoolRequest { Name = school.Name }));
        Assert.Equal(closed.AllianceMemberships[1], await steps.Alliances.GetAllianceMembershipAsync(new GetAllianceMembershipRequest { Name = open.Name }));
        Assert.Empty(await MembersTodayAsync(ebor, hub));
    }

    [Fact]
    public async Task A_membership_of_a_closed_school_can_end_earlier_but_not_run_past_the_close_date()
    {
        var school = await steps.CreateSchoolAsync("816");
        var alliance = await steps.CreateAllianceAsync("closing-extend", await steps.CreateSchoolAsync("816"));
        await steps.JoinAsync(alliance, school, Day(2015, 9, 1));
        var ended = Assert.Single((await CloseAsync(school, CloseDate)).AllianceMemberships);

        var extended = await Assert.ThrowsAsync<RpcException>(() => SetPeriodAsync(ended, Day(2015, 9, 1), Day(2024, 9, 1)));
        var movedAfter = await Assert.ThrowsAsync<RpcException>(() => SetPeriodAsync(ended, Day(2025, 1, 1), Day(2025, 2, 1)));
        var earlier = await SetPeriodAsync(ended, Day(2015, 9, 1), Day(2024, 7, 31));

        Assert.Equal(StatusCode.FailedPrecondition, extended.StatusCode);
        Assert.Contains($"{school.Name} closed on 2024-08-31", extended.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, movedAfter.StatusCode);
        Assert.Equal(Day(2024, 7, 31), earlier.LeaveDate);
    }

    private Task<AllianceMembership> SetPeriodAsync(AllianceMembership membership, Date join, Date leave) =>
        steps.Alliances.UpdateAllianceMembershipAsync(new UpdateAllianceMembershipRequest
        {
            AllianceMembership = new AllianceMembership { Name = membership.Name, JoinDate = join, LeaveDate = leave },
            UpdateMask = new FieldMask { Paths = { "join_date", "leave_date" } },
        }).ResponseAsync;

    [Fact]
    public async Task A_membership_that_was_to_start_after_the_close_date_ends_on_its_join_date_and_blocks_no_later_one()
    {
        var school = await steps.CreateSchoolAsync("816");
        var alliance = await steps.CreateAllianceAsync("closing-planned", await steps.CreateSchoolAsync("816"));
        var planned = await steps.JoinAsync(alliance, school, Day(2099, 9, 1));
        var listedBefore = await ListMembershipsAsync(alliance, showEnded: false);

        var closed = await CloseAsync(school, CloseDate);
        var listed = await ListMembershipsAsync(alliance, showEnded: false);
        var all = await ListMembershipsAsync(alliance, showEnded: true);
        await ReopenAsync(school);
        var rejoined = await steps.JoinAsync(alliance, school, Day(2030, 9, 1));

        var ended = Assert.Single(closed.AllianceMemberships);
        Assert.Equal([planned.Name], listedBefore);
        Assert.Equal((planned.Name, Day(2099, 9, 1), Day(2099, 9, 1)), (ended.Name, ended.JoinDate, ended.LeaveDate));
        Assert.NotEqual(planned.Etag, ended.Etag);
        Assert.Empty(listed);
        Assert.Equal([planned.Name], all);
        Assert.Null(rejoined.LeaveDate);
    }

    [Fact]
    public async Task A_school_closed_without_a_close_date_leaves_today_in_England_and_reopening_reopens_nothing()
    {
        var school = await steps.CreateSchoolAsync("816");
        var alliance = await steps.CreateAllianceAsync("closing-undated", await steps.CreateSchoolAsync("816"));
        await steps.JoinAsync(alliance, school, Day(2015, 9, 1));

        var before = TodayInEngland();
        var closed = await CloseAsync(school, closeDate: null);
        var after = TodayInEngland();
        var reopened = await ReopenAsync(school);

        Assert.Null(closed.CloseDate);
        Assert.Contains(Assert.Single(closed.AllianceMemberships).LeaveDate, new[] { before, after });
        Assert.Equal(1, reopened.StatusCode);
        Assert.Equal(closed.AllianceMemberships, reopened.AllianceMemberships);
    }

    [Fact]
    public async Task A_close_waits_for_a_join_holding_the_schools_lock_and_ends_the_membership_it_added()
    {
        var school = await steps.CreateSchoolAsync("816");
        var alliance = await steps.CreateAllianceAsync("closing-race", await steps.CreateSchoolAsync("816"));

        // The real join, paused half done: its checks made and its locks taken, its membership not yet inserted.
        using var halfDone = gated.Gate.HoldBefore("INSERT INTO alliance_memberships");
        var joining = steps.JoinAsync(alliance, school, Day(2015, 9, 1));
        await halfDone.ArrivedAsync();
        var closing = CloseAsync(school, CloseDate);
        await Until.TrueAsync(async () => closing.IsCompleted || await halfDone.IsBlockingAsync(host.ConnectionString), "the close to wait for the join (or end)");
        halfDone.Release();
        var joined = await joining;
        var closed = await closing;

        Assert.Equal((joined.Name, CloseDate), (Assert.Single(closed.AllianceMemberships).Name, closed.AllianceMemberships[0].LeaveDate));
        Assert.Equal(closed, await steps.Schools.GetSchoolAsync(new GetSchoolRequest { Name = school.Name }));
    }

    private async Task<School> CloseAsync(School school, Date? closeDate) =>
        await steps.Schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = school.Name, StatusCode = 2, CloseDate = closeDate },
            UpdateMask = new FieldMask { Paths = { "status_code", "close_date" } },
        });

    private async Task<School> ReopenAsync(School school) =>
        await steps.Schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = school.Name, StatusCode = 1 },
            UpdateMask = new FieldMask { Paths = { "status_code", "close_date" } },
        });

    /// <summary>The schools ListSchools shows as members today, alliance by alliance.</summary>
    private async Task<List<string>> MembersTodayAsync(params Alliance[] alliances)
    {
        var members = new List<string>();
        foreach (var alliance in alliances)
        {
            var page = await steps.Schools.ListSchoolsAsync(new ListSchoolsRequest { Alliance = alliance.Name });
            members.AddRange(page.Schools.Select(s => s.Name));
        }
        return members;
    }

    private async Task<List<string>> ListMembershipsAsync(Alliance alliance, bool showEnded)
    {
        var page = await steps.Alliances.ListAllianceMembershipsAsync(new ListAllianceMembershipsRequest { Parent = alliance.Name, ShowEnded = showEnded });
        return [.. page.AllianceMemberships.Select(m => m.Name)];
    }

    private static Date TodayInEngland()
    {
        var england = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, england);
        return Day(today.Year, today.Month, today.Day);
    }
}
