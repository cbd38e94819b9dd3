using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Sia.Registry.Testing;
using Sia.Risk.Demo;
using Sia.Risk.Domain.Priorities;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.Testing;
using Date = Google.Type.Date;
using RegistryV1 = Sia.Registry.V1;
using Types = Sia.Risk.V1.Priority.Types;

namespace Sia.Risk.Tests;

/// <summary>
/// PriorityService over real HTTP/2 and PostgreSQL, with owners the risk service copied from a real registry: York's six
/// priorities for 2015/16 (its interim commissioning plan), Dudley School Improvement Alliance's, and who may reach them.
/// </summary>
public sealed class PriorityApiTests(RiskStack stack) : IClassFixture<RiskStack>
{
    private const string York = "localAuthorities/816", Dudley = "alliances/dudley-sia", Ebor = "alliances/ebor";

    private PriorityService.PriorityServiceClient Priorities => new(stack.CreateChannel());

    /// <summary>York's six improvement priorities for 2015/16 (the demo's), as a create request gives them.</summary>
    private static readonly (string Id, Priority Priority)[] YorkSix = [.. YorkPriorities.Six.Select(p => (p.Id, AsRequested(p.Content)))];

    /// <summary>The fields a create request sets, through the service's own mapping.</summary>
    private static Priority AsRequested(PriorityContent content)
    {
        var message = new Data.PriorityEntity
        {
            Owner = York,
            PriorityId = "",
            AcademicYear = YorkPriorities.AcademicYear,
            Title = content.Title,
            Description = content.Description,
            Plan = content.Plan,
            State = content.State,
        }.ToMessage();
        (message.Name, message.Owner, message.Etag, message.CreateTime, message.UpdateTime) = ("", "", "", null, null);
        return message;
    }

    private static Types.Target Target(string description, string measure, Types.TargetValue? baseline, Types.TargetValue target, Date? due) =>
        new() { Description = description, Measure = measure, Baseline = baseline, TargetValue = target, DueDate = due };

    private static Types.TargetValue Count(long number, string unit) => new() { Number = number, Unit = unit };

    private static Types.Milestone Milestone(string title, Date? due, Types.Milestone.Types.Status status) => new() { Title = title, DueDate = due, Status = status };

    private static Priority Simple(int year, string title = "Mathematics") => new()
    {
        AcademicYear = year,
        Title = title,
        Targets = { Target("Raise standards of achievement in mathematics for all pupils", "Pupils at the expected standard in KS2 maths", null, Count(80, "percent"), null) },
    };

    /// <summary>York (a school of LA 816, a member of Ebor) and Dudley School Improvement Alliance (a school of LA 332) in the registry, and the copy caught up.</summary>
    private async Task OwnersAsync()
    {
        if (await InCopyAsync()) return;
        var registry = stack.Registry.CreateChannel();
        var las = new RegistryV1.LocalAuthorityService.LocalAuthorityServiceClient(registry);
        var schools = new RegistryV1.SchoolService.SchoolServiceClient(registry);
        var alliances = new RegistryV1.AllianceService.AllianceServiceClient(registry);
        foreach (var (la, laName, allianceId, allianceName) in new[] { ("816", "York", "ebor", "Ebor"), ("332", "Dudley", "dudley-sia", "Dudley School Improvement Alliance") })
        {
            await TestData.EnsureLocalAuthorityAsync(las, la, laName);
            var school = await schools.CreateSchoolAsync(new RegistryV1.CreateSchoolRequest { School = TestData.School(la) });
            var alliance = await alliances.CreateAllianceAsync(new RegistryV1.CreateAllianceRequest
            {
                AllianceId = allianceId,
                Alliance = new RegistryV1.Alliance { DisplayName = allianceName, Kind = RegistryV1.Alliance.Types.Kind.SchoolImprovementPartnership, LeadSchool = school.Name },
            });
            await alliances.CreateAllianceMembershipAsync(new RegistryV1.CreateAllianceMembershipRequest
            {
                Parent = alliance.Name,
                AllianceMembership = new RegistryV1.AllianceMembership { School = school.Name, JoinDate = new Date { Year = 2015, Month = 9, Day = 1 } },
            });
        }
        await Until.TrueAsync(InCopyAsync, "the risk service to copy York's and Dudley's schools and alliances");
    }

    private async Task<bool> InCopyAsync()
    {
        await using var copy = new Data.RiskDbContext(new DbContextOptionsBuilder<Data.RiskDbContext>().UseNpgsql(stack.RiskDatabase).Options);
        return await copy.RegistrySchools.AnyAsync(s => s.LaCode == "816") && await copy.RegistryProviders.AnyAsync(p => p.Name == Ebor)
            && await copy.RegistryProviders.AnyAsync(p => p.Name == Dudley);
    }

    private async Task<Priority> CreateAsync(string owner, string id, Priority priority, Metadata? headers = null, string requestId = "")
    {
        await OwnersAsync();
        return await Priorities.CreatePriorityAsync(new CreatePriorityRequest { Parent = owner, PriorityId = id, Priority = priority, RequestId = requestId }, headers);
    }

    private static UpdatePriorityRequest Update(Priority changes, params string[] paths) => new() { Priority = changes, UpdateMask = new FieldMask { Paths = { paths } } };

    [Fact]
    public async Task Yorks_six_priorities_for_2015_16_read_back_as_given_and_list_in_pages()
    {
        var created = new List<Priority>();
        foreach (var (id, priority) in YorkSix) created.Add(await CreateAsync(York, id, priority));
        await CreateAsync(York, "p1-good-or-better-2016", Simple(2016, "Ensuring all schools are good or better"));

        var first = await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = York, AcademicYear = 2015, PageSize = 4 });
        var second = await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = York, AcademicYear = 2015, PageSize = 4, PageToken = first.NextPageToken });

        Assert.Equal((York + "/priorities/p1-good-or-better", York, 2015, Priority.Types.State.Active), (created[0].Name, created[0].Owner, created[0].AcademicYear, created[0].State));
        var asGiven = YorkSix[0].Priority.Clone();
        asGiven.MergeFrom(new Priority { Name = created[0].Name, Owner = York, State = Priority.Types.State.Active, CreateTime = created[0].CreateTime, UpdateTime = created[0].UpdateTime, Etag = created[0].Etag });
        Assert.Equal(asGiven, created[0]);
        Assert.Equal(created[0], await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = created[0].Name }));
        Assert.Equal(4, first.Priorities.Count);
        Assert.Equal(YorkSix.Select(p => p.Id), first.Priorities.Concat(second.Priorities).Select(p => p.Name[(York.Length + "/priorities/".Length)..]));
        Assert.Equal(created, first.Priorities.Concat(second.Priorities));
        Assert.Empty(second.NextPageToken);
        var everyYear = (await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = York, PageSize = 100 })).Priorities;
        Assert.Equal(everyYear.Select(p => p.AcademicYear).OrderDescending(), everyYear.Select(p => p.AcademicYear));
        Assert.Contains(York + "/priorities/p1-good-or-better-2016", everyYear.Select(p => p.Name));
        Assert.Equal(6, everyYear.Count(p => p.AcademicYear == 2015));
        var tokenOfAnotherYear = await Assert.ThrowsAsync<RpcException>(async () =>
            await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = York, AcademicYear = 2016, PageSize = 4, PageToken = first.NextPageToken }));
        Assert.Equal(["page_token"], tokenOfAnotherYear.ViolatedFields());
    }

    [Fact]
    public async Task An_update_changes_the_masked_fields_and_a_stale_etag_is_ABORTED()
    {
        var created = await CreateAsync(York, "update-me-2016", Simple(2016));

        var updated = await Priorities.UpdatePriorityAsync(Update(new Priority
        {
            Name = created.Name,
            Etag = created.Etag,
            Title = "Mathematics, revised",
            Description = "Ignored: not in the mask.",
            Milestones = { Milestone("Maths network meeting termly", new Date { Year = 2016, Month = 12, Day = 1 }, Types.Milestone.Types.Status.Completed) },
            State = Priority.Types.State.Archived,
        }, "title", "milestones", "state"));
        var stale = await Assert.ThrowsAsync<RpcException>(async () =>
            await Priorities.UpdatePriorityAsync(Update(new Priority { Name = created.Name, Etag = created.Etag, Title = "Lost update" }, "title")));
        var academicYear = await Assert.ThrowsAsync<RpcException>(async () =>
            await Priorities.UpdatePriorityAsync(Update(new Priority { Name = created.Name, AcademicYear = 2017 }, "academic_year")));

        Assert.Equal(("Mathematics, revised", "", Priority.Types.State.Archived, 2016), (updated.Title, updated.Description, updated.State, updated.AcademicYear));
        Assert.Equal(Types.Milestone.Types.Status.Completed, updated.Milestones.Single().Status);
        Assert.Equal(created.Targets, updated.Targets);
        Assert.NotEqual(created.Etag, updated.Etag);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(["update_mask"], academicYear.ViolatedFields());
        Assert.Equal(updated, await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = created.Name }));
    }

    [Fact]
    public async Task A_retried_create_gets_the_first_priority_and_a_taken_id_is_ALREADY_EXISTS()
    {
        var requestId = Guid.NewGuid().ToString();
        var first = await CreateAsync(York, "retried-2017", Simple(2017), requestId: requestId);
        var retried = await CreateAsync(York, "retried-2017", Simple(2017), requestId: requestId);

        var taken = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync(York, "retried-2017", Simple(2017, "Another")));
        var reused = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync(York, "another-2017", Simple(2017), requestId: requestId));
        var elsewhere = await CreateAsync(Dudley, "retried-2017", Simple(2017));

        Assert.Equal(first, retried);
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Equal(["request_id"], reused.ViolatedFields());
        Assert.Equal(Dudley + "/priorities/retried-2017", elsewhere.Name);
    }

    [Fact]
    public async Task Bad_priorities_are_INVALID_ARGUMENT_naming_each_field()
    {
        var priority = Simple(1999, title: " ");
        for (var i = 0; i < 20; i++) priority.Targets.Add(priority.Targets[0]);
        var badIds = new List<RpcException>();
        foreach (var id in new[] { "Mathematics", "1-maths", "maths-", "maths_2016", new string('m', 64) })
            badIds.Add(await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync(York, id, Simple(2016))));
        var content = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync(York, "bad-2016", priority));
        var target = Simple(2016);
        target.Targets[0].TargetValue = null;
        target.Targets[0].Baseline = new Types.TargetValue { Text = "in line", Unit = "percent" };
        target.ImpactMeasures.Add(new Types.ImpactMeasure { Evidence = "No description" });
        target.State = (Priority.Types.State)7;
        target.Milestones.Add(Milestone("Unknown status", null, (Types.Milestone.Types.Status)9));
        var parts = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync(York, "bad-2016", target));
        var dated = Simple(2016);
        dated.Milestones.Add(Milestone("Due on a day that is not", new Date { Year = 2016, Month = 2, Day = 30 }, Types.Milestone.Types.Status.NotStarted));
        var date = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync(York, "bad-2016", dated));
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await Priorities.CreatePriorityAsync(new CreatePriorityRequest { Parent = York, PriorityId = "bad-2016" }));

        Assert.All(badIds, e => Assert.Equal(["priority_id"], e.ViolatedFields()));
        Assert.Equal(["priority.academic_year", "priority.title", "priority.targets"], content.ViolatedFields());
        Assert.Equal(["priority.milestones[0].due_date"], date.ViolatedFields());
        Assert.Equal(["priority.state", "priority.targets[0].baseline.unit", "priority.targets[0].target_value", "priority.milestones[0].status", "priority.impact_measures[0].description"],
            parts.ViolatedFields());
        Assert.Equal(["priority"], missing.ViolatedFields());
        var none = await Assert.ThrowsAsync<RpcException>(async () => await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = York + "/priorities/bad-2016" }));
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Theory]
    [InlineData("localAuthorities/816/priorities/Maths")]
    [InlineData("localAuthorities/816/priorities/")]
    [InlineData("localAuthorities/8160/priorities/maths")]
    [InlineData("alliances/Ebor/priorities/maths")]
    [InlineData("schools/121615/priorities/maths")]
    [InlineData("localAuthorities/816/frameworks/2015-16")]
    public async Task A_name_that_is_not_a_priority_is_INVALID_ARGUMENT(string name)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = name }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["name"], error.ViolatedFields());
    }

    [Fact]
    public async Task An_owner_the_registry_has_not_shown_is_NOT_FOUND_and_a_bad_list_is_INVALID_ARGUMENT()
    {
        var unknownLa = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync("localAuthorities/999", "maths-2016", Simple(2016)));
        var unknownAlliance = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync("alliances/nowhere", "maths-2016", Simple(2016)));
        var badYear = await Assert.ThrowsAsync<RpcException>(async () => await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = York, AcademicYear = 15 }));
        var badParent = await Assert.ThrowsAsync<RpcException>(async () => await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = "schools/121615" }));

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (unknownLa.StatusCode, unknownAlliance.StatusCode));
        Assert.Contains("localAuthorities/999", unknownLa.Status.Detail);
        Assert.Contains("alliances/nowhere", unknownAlliance.Status.Detail);
        Assert.Equal(["academic_year"], badYear.ViolatedFields());
        Assert.Equal(["parent"], badParent.ViolatedFields());
    }

    [Fact]
    public async Task A_partner_for_another_LA_is_PERMISSION_DENIED_on_Yorks_priorities()
    {
        var yorkOfficer = Partners.ActingFor("York LA Officer", "816");
        var middlesbrough = Partners.ActingFor("Middlesbrough LA Officer", "806");
        var created = await CreateAsync(York, "partner-2018", Simple(2018), yorkOfficer);

        RpcException[] refusals =
        [
            await Assert.ThrowsAsync<RpcException>(async () => await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = created.Name }, middlesbrough)),
            await Assert.ThrowsAsync<RpcException>(async () => await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = York }, middlesbrough)),
            await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync(York, "partner-2018-other", Simple(2018), middlesbrough)),
            await Assert.ThrowsAsync<RpcException>(async () =>
                await Priorities.UpdatePriorityAsync(Update(new Priority { Name = created.Name, Title = "Taken over" }, "title"), middlesbrough)),
        ];
        var yours = await Priorities.UpdatePriorityAsync(Update(new Priority { Name = created.Name, Etag = created.Etag, Title = "York's own" }, "title"), yorkOfficer);
        var listed = await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = York, AcademicYear = 2018 }, yorkOfficer);

        Assert.All(refusals, e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.All(refusals, e => Assert.Contains("The partner 'Middlesbrough LA Officer' acts for localAuthorities/806 only; not for localAuthorities/816", e.Status.Detail));
        Assert.Equal("York's own", yours.Title);
        Assert.Equal([created.Name], listed.Priorities.Select(p => p.Name));
        var unchanged = await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = created.Name });
        Assert.Equal("York's own", unchanged.Title);
    }

    [Fact]
    public async Task An_alliance_partner_manages_its_own_alliances_priorities_only()
    {
        var dudleyAlliance = Partners.ActingForAlliances("Dudley School Improvement Alliance", "dudley-sia");
        var yorks = await CreateAsync(York, "alliance-test-2019", Simple(2019));
        var ebors = await CreateAsync(Ebor, "alliance-test-2019", Simple(2019));

        var own = await CreateAsync(Dudley, "mathematics-2019", Simple(2019), dudleyAlliance);
        var updated = await Priorities.UpdatePriorityAsync(Update(new Priority { Name = own.Name, Etag = own.Etag, Description = "Raise standards; good maths teachers; training and networks." }, "description"), dudleyAlliance);
        var listed = await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = Dudley, AcademicYear = 2019 }, dudleyAlliance);
        var ebor = await Assert.ThrowsAsync<RpcException>(async () => await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = ebors.Name }, dudleyAlliance));
        var eborList = await Assert.ThrowsAsync<RpcException>(async () => await Priorities.ListPrioritiesAsync(new ListPrioritiesRequest { Parent = Ebor }, dudleyAlliance));
        var eborCreate = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync(Ebor, "mathematics-2019", Simple(2019), dudleyAlliance));
        var york = await Assert.ThrowsAsync<RpcException>(async () => await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = yorks.Name }, dudleyAlliance));
        var yorkOfficer = await Assert.ThrowsAsync<RpcException>(async () =>
            await Priorities.GetPriorityAsync(new GetPriorityRequest { Name = own.Name }, Partners.ActingFor("York LA Officer", "816")));

        Assert.Equal(Dudley, own.Owner);
        Assert.Equal("Raise standards; good maths teachers; training and networks.", updated.Description);
        Assert.Equal([own.Name], listed.Priorities.Select(p => p.Name));
        Assert.All([ebor, eborList, eborCreate], e => Assert.Contains("acts for alliances/dudley-sia only; not for alliances/ebor", e.Status.Detail));
        Assert.All([ebor, eborList, eborCreate, york, yorkOfficer], e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.Contains("not for localAuthorities/816", york.Status.Detail);
        Assert.Contains("not for alliances/dudley-sia", yorkOfficer.Status.Detail);
    }
}
