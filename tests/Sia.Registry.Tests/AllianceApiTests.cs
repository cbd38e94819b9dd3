using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Registry.V1;
using static Sia.Registry.Tests.AllianceSteps;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

public sealed class AllianceApiTests(GatedRegistryHost gated) : IClassFixture<GatedRegistryHost>, IAsyncLifetime
{
    private readonly RegistryHost host = gated.Registry;
    private readonly AllianceSteps steps = new(gated.Registry);
    private AllianceService.AllianceServiceClient Alliances => steps.Alliances;
    private SchoolService.SchoolServiceClient Schools => steps.Schools;

    public async ValueTask InitializeAsync()
    {
        var localAuthorities = new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel());
        await TestData.EnsureLocalAuthorityAsync(localAuthorities, "816", "York");
        await TestData.EnsureLocalAuthorityAsync(localAuthorities, "876", "Halton");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_alliance_is_created_read_and_updated_with_its_etag()
    {
        var lead = await steps.CreateSchoolAsync("816");
        var newLead = await steps.CreateSchoolAsync("816");
        var created = await steps.CreateAllianceAsync("ebor", lead);

        var read = await Alliances.GetAllianceAsync(new GetAllianceRequest { Name = "alliances/ebor" });
        var renamed = await Alliances.UpdateAllianceAsync(new UpdateAllianceRequest
        {
            Alliance = new Alliance { Name = created.Name, Etag = created.Etag, DisplayName = "Ebor Academy Trust TSA", LeadSchool = newLead.Name },
            UpdateMask = new FieldMask { Paths = { "display_name", "lead_school" } },
        });
        var stale = await Assert.ThrowsAsync<RpcException>(() => Alliances.UpdateAllianceAsync(new UpdateAllianceRequest
        {
            Alliance = new Alliance { Name = created.Name, Etag = created.Etag, DisplayName = "Lost update" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        }).ResponseAsync);
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => steps.CreateAllianceAsync("ebor", lead));

        Assert.Equal(created, read);
        Assert.Equal(lead.Name, created.LeadSchool);
        Assert.Equal(Alliance.Types.Kind.TeachingSchoolAlliance, created.Kind);
        Assert.Equal(("Ebor Academy Trust TSA", newLead.Name), (renamed.DisplayName, renamed.LeadSchool));
        Assert.NotEqual(created.Etag, renamed.Etag);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
    }

    [Fact]
    public async Task A_bad_alliance_is_refused_with_every_problem_named()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Alliances.CreateAllianceAsync(new CreateAllianceRequest
        {
            AllianceId = "Ebor TSA",
            Alliance = new Alliance { DisplayName = " ", LeadSchool = "schools/12" },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["alliance.display_name", "alliance.kind", "alliance.lead_school", "alliance_id"], FieldsOf(error));
    }

    [Fact]
    public async Task An_alliance_needs_an_existing_open_lead_school()
    {
        var closed = await steps.CreateSchoolAsync("876", status: 2);

        var closedLead = await Assert.ThrowsAsync<RpcException>(() => steps.CreateAllianceAsync("the-heath", closed));
        var unknownLead = await Assert.ThrowsAsync<RpcException>(() => steps.CreateAllianceAsync("wade-deacon", TestData.School("876")));

        Assert.Equal(StatusCode.FailedPrecondition, closedLead.StatusCode);
        Assert.Contains("closed", closedLead.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, unknownLead.StatusCode);
    }

    [Fact]
    public async Task Schools_join_and_leave_and_lists_show_todays_members()
    {
        var lead = await steps.CreateSchoolAsync("816");
        var alliance = await steps.CreateAllianceAsync("pathfinder", lead);
        var current = await steps.CreateSchoolAsync("816");
        var former = await steps.CreateSchoolAsync("816");
        var future = await steps.CreateSchoolAsync("876");

        var joined = await steps.JoinAsync(alliance, current, Day(2015, 9, 1));
        await steps.JoinAsync(alliance, former, Day(2014, 9, 1), leave: Day(2019, 9, 1));
        await steps.JoinAsync(alliance, future, Day(2099, 9, 1));
        var members = await Schools.ListSchoolsAsync(new ListSchoolsRequest { Alliance = alliance.Name });
        var listed = await Alliances.ListAllianceMembershipsAsync(new ListAllianceMembershipsRequest { Parent = alliance.Name });
        var all = await Alliances.ListAllianceMembershipsAsync(new ListAllianceMembershipsRequest { Parent = alliance.Name, ShowEnded = true });
        var shown = await Schools.GetSchoolAsync(new GetSchoolRequest { Name = current.Name });

        var left = await Alliances.UpdateAllianceMembershipAsync(new UpdateAllianceMembershipRequest
        {
            AllianceMembership = new AllianceMembership { Name = joined.Name, Etag = joined.Etag, LeaveDate = Day(2020, 4, 1) },
            UpdateMask = new FieldMask { Paths = { "leave_date" } },
        });
        var membersAfterLeaving = await Schools.ListSchoolsAsync(new ListSchoolsRequest { Alliance = alliance.Name });
        var shownAfterLeaving = await Schools.GetSchoolAsync(new GetSchoolRequest { Name = current.Name });

        Assert.Equal([current.Name], members.Schools.Select(s => s.Name));
        Assert.Equal([current.Name, future.Name], listed.AllianceMemberships.Select(m => m.School));
        Assert.Equal([current.Name, former.Name, future.Name], all.AllianceMemberships.Select(m => m.School));
        Assert.Equal([joined], shown.AllianceMemberships);
        Assert.Matches(@"^alliances/pathfinder/memberships/\d+$", joined.Name);
        Assert.Empty(membersAfterLeaving.Schools);
        Assert.Equal(Day(2020, 4, 1), shownAfterLeaving.AllianceMemberships.Single().LeaveDate);
        Assert.Equal(left, shownAfterLeaving.AllianceMemberships.Single());
    }

    [Fact]
    public async Task A_closed_school_cannot_join_an_alliance()
    {
        var alliance = await steps.CreateAllianceAsync("closed-test", await steps.CreateSchoolAsync("816"));
        var closed = await steps.CreateSchoolAsync("816", status: 2);

        var error = await Assert.ThrowsAsync<RpcException>(() => steps.JoinAsync(alliance, closed, Day(2024, 9, 1)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal($"{closed.Name} is closed; a closed school cannot join an alliance.", error.Status.Detail);
        var failure = error.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>()!;
        Assert.Equal(closed.Name, failure.Violations.Single().Subject);
        var stored = await Alliances.ListAllianceMembershipsAsync(new ListAllianceMembershipsRequest { Parent = alliance.Name, ShowEnded = true });
        Assert.Empty(stored.AllianceMemberships);
    }

    [Fact]
    public async Task Overlapping_periods_are_refused_but_a_school_may_rejoin_after_leaving()
    {
        var alliance = await steps.CreateAllianceAsync("overlap-test", await steps.CreateSchoolAsync("816"));
        var school = await steps.CreateSchoolAsync("816");
        var first = await steps.JoinAsync(alliance, school, Day(2012, 9, 1), leave: Day(2016, 9, 1));

        var overlapping = await Assert.ThrowsAsync<RpcException>(() => steps.JoinAsync(alliance, school, Day(2016, 1, 1)));
        var rejoined = await steps.JoinAsync(alliance, school, Day(2016, 9, 1));
        var secondOpen = await Assert.ThrowsAsync<RpcException>(() => steps.JoinAsync(alliance, school, Day(2030, 1, 1)));
        var stretched = await Assert.ThrowsAsync<RpcException>(() => Alliances.UpdateAllianceMembershipAsync(new UpdateAllianceMembershipRequest
        {
            AllianceMembership = new AllianceMembership { Name = first.Name, LeaveDate = Day(2017, 1, 1) },
            UpdateMask = new FieldMask { Paths = { "leave_date" } },
        }).ResponseAsync);
        var inverted = await Assert.ThrowsAsync<RpcException>(() => steps.JoinAsync(alliance, school, Day(2040, 1, 1), leave: Day(2039, 1, 1)));

        Assert.Equal(StatusCode.AlreadyExists, overlapping.StatusCode);
        Assert.Contains(first.Name, overlapping.Status.Detail);
        Assert.Equal(StatusCode.AlreadyExists, secondOpen.StatusCode);
        Assert.Contains(rejoined.Name, secondOpen.Status.Detail);
        Assert.Equal(StatusCode.AlreadyExists, stretched.StatusCode);
        Assert.Equal(["alliance_membership.leave_date"], FieldsOf(inverted));
        var school2 = await Schools.GetSchoolAsync(new GetSchoolRequest { Name = school.Name });
        Assert.Equal([first.Name, rejoined.Name], school2.AllianceMemberships.Select(m => m.Name));
    }

    [Fact]
    public async Task Concurrent_joins_of_one_school_make_one_open_membership_and_retries_return_it()
    {
        var alliance = await steps.CreateAllianceAsync("race-test", await steps.CreateSchoolAsync("816"));
        var retried = await steps.CreateSchoolAsync("816");
        var raced = await steps.CreateSchoolAsync("816");
        var requestId = Guid.NewGuid().ToString();

        // Every retry looks the request id up, and finds nothing, before any of them goes on to join.
        StatusCode[] races;
        AllianceMembership[] retries;
        using (var looked = gated.Gate.HoldAfter(CommandGate.RequestIdLookup, count: 8))
        {
            var joins = Enumerable.Range(0, 8).Select(_ => steps.JoinAsync(alliance, retried, Day(2020, 9, 1), requestId: requestId)).ToList();
            await looked.ReleaseOnceArrivedAsync();
            retries = await Task.WhenAll(joins);
        }
        // Every join has checked the alliance before any of them locks the school and looks for an overlap.
        using (var atTheLock = gated.Gate.HoldBefore("FOR UPDATE", count: 8))
        {
            var joins = Enumerable.Range(0, 8).Select(async _ =>
            {
                try
                {
                    await steps.JoinAsync(alliance, raced, Day(2020, 9, 1));
                    return StatusCode.OK;
                }
                catch (RpcException ex)
                {
                    return ex.StatusCode;
                }
            }).ToList();
            await atTheLock.ReleaseOnceArrivedAsync();
            races = await Task.WhenAll(joins);
        }

        Assert.Single(retries.Select(m => m.Name).Distinct());
        Assert.Equal(1, races.Count(s => s == StatusCode.OK));
        Assert.Equal(7, races.Count(s => s == StatusCode.AlreadyExists));
        var stored = await Alliances.ListAllianceMembershipsAsync(new ListAllianceMembershipsRequest { Parent = alliance.Name });
        Assert.Equal(2, stored.AllianceMemberships.Count);
    }

    [Fact]
    public async Task Memberships_of_an_unknown_alliance_are_not_found()
    {
        var school = await steps.CreateSchoolAsync("816");

        var join = await Assert.ThrowsAsync<RpcException>(() => Alliances.CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
        {
            Parent = "alliances/nowhere",
            AllianceMembership = new AllianceMembership { School = school.Name, JoinDate = Day(2020, 9, 1) },
        }).ResponseAsync);
        var list = await Assert.ThrowsAsync<RpcException>(() => Alliances.ListAllianceMembershipsAsync(new ListAllianceMembershipsRequest { Parent = "alliances/nowhere" }).ResponseAsync);
        var badName = await Assert.ThrowsAsync<RpcException>(() => Alliances.GetAllianceMembershipAsync(new GetAllianceMembershipRequest { Name = "alliances/x/members/1" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, join.StatusCode);
        Assert.Equal(StatusCode.NotFound, list.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badName.StatusCode);
    }

    private static IEnumerable<string> FieldsOf(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).Order();
}
