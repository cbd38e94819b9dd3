using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Google.Type;
using Sia.Registry.V1;
using static Sia.Registry.V1.SystemLeader.Types;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

public sealed class SystemLeaderApiTests(GatedRegistryHost gated) : IClassFixture<GatedRegistryHost>, IAsyncLifetime
{
    private readonly RegistryHost host = gated.Registry;
    private SystemLeaderService.SystemLeaderServiceClient Leaders => new(host.CreateChannel());
    private SchoolService.SchoolServiceClient Schools => new(host.CreateChannel());
    private School _yorkSchool = null!;
    private School _haltonSchool = null!;
    private Alliance _alliance = null!;

    public async ValueTask InitializeAsync()
    {
        var localAuthorities = new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel());
        await TestData.EnsureLocalAuthorityAsync(localAuthorities, "816", "York");
        await TestData.EnsureLocalAuthorityAsync(localAuthorities, "876", "Halton");
        _yorkSchool = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        _haltonSchool = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("876") });
        _alliance = await new AllianceService.AllianceServiceClient(host.CreateChannel()).CreateAllianceAsync(new CreateAllianceRequest
        {
            AllianceId = $"tsa-{TestData.NewUrn()}",
            Alliance = new Alliance { DisplayName = "Test TSA", Kind = Alliance.Types.Kind.TeachingSchoolAlliance, LeadSchool = _yorkSchool.Name },
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_leader_is_created_read_and_made_inactive_with_its_etag()
    {
        var created = await CreateAsync(Leader(Designation.Sle, _yorkSchool, "Mathematics", "Early years"));

        var read = await Leaders.GetSystemLeaderAsync(new GetSystemLeaderRequest { Name = created.Name });
        var inactive = await Leaders.UpdateSystemLeaderAsync(new UpdateSystemLeaderRequest
        {
            SystemLeader = new SystemLeader { Name = created.Name, Etag = created.Etag, Active = false },
            UpdateMask = new FieldMask { Paths = { "active" } },
        });
        var stale = await Assert.ThrowsAsync<RpcException>(() => Leaders.UpdateSystemLeaderAsync(new UpdateSystemLeaderRequest
        {
            SystemLeader = new SystemLeader { Name = created.Name, Etag = created.Etag, Specialisms = { "English" } },
            UpdateMask = new FieldMask { Paths = { "specialisms" } },
        }).ResponseAsync);
        var unknownField = await Assert.ThrowsAsync<RpcException>(() => Leaders.UpdateSystemLeaderAsync(new UpdateSystemLeaderRequest
        {
            SystemLeader = new SystemLeader { Name = created.Name },
            UpdateMask = new FieldMask { Paths = { "create_time" } },
        }).ResponseAsync);

        Assert.Matches(@"^systemLeaders/\d+$", created.Name);
        Assert.Equal(created, read);
        Assert.Equal(["Mathematics", "Early years"], created.Specialisms);
        Assert.Equal(_alliance.Name, created.Alliance);
        Assert.True(created.Active);
        Assert.False(inactive.Active);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, unknownField.StatusCode);
    }

    [Fact]
    public async Task Lists_filter_by_designation_alliance_LA_specialism_phase_and_activity()
    {
        var specialism = $"Phonics {TestData.NewUrn()}";
        var nle = await CreateAsync(Leader(Designation.Nle, _haltonSchool, specialism));
        var sle = await CreateAsync(Leader(Designation.Sle, _yorkSchool, specialism.ToUpperInvariant()));
        var yle = Leader(Designation.Local, _yorkSchool, specialism);
        yle.LocalDesignation = "YLE";
        yle.PhaseOfEducationCodes.Clear();
        yle.PhaseOfEducationCodes.Add(4);
        yle.Active = false;
        var local = await CreateAsync(yle);

        async Task<IEnumerable<string>> ListAsync(ListSystemLeadersRequest request)
        {
            request.Specialism = specialism.ToLowerInvariant();
            return (await Leaders.ListSystemLeadersAsync(request)).SystemLeaders.Select(l => l.Name);
        }

        Assert.Equal([nle.Name, sle.Name, local.Name], await ListAsync(new ListSystemLeadersRequest()));
        Assert.Equal([nle.Name, local.Name], await ListAsync(new ListSystemLeadersRequest { Designations = { Designation.Nle, Designation.Local } }));
        Assert.Equal([sle.Name, local.Name], await ListAsync(new ListSystemLeadersRequest { LocalAuthority = "localAuthorities/816" }));
        Assert.Equal([local.Name], await ListAsync(new ListSystemLeadersRequest { PhaseOfEducationCode = 4 }));
        Assert.Equal([nle.Name, sle.Name], await ListAsync(new ListSystemLeadersRequest { Active = true }));
        Assert.Equal([nle.Name, sle.Name, local.Name], await ListAsync(new ListSystemLeadersRequest { Alliance = _alliance.Name }));
        var firstPage = await Leaders.ListSystemLeadersAsync(new ListSystemLeadersRequest { Specialism = specialism, PageSize = 2 });
        var secondPage = await Leaders.ListSystemLeadersAsync(new ListSystemLeadersRequest { Specialism = specialism, PageSize = 2, PageToken = firstPage.NextPageToken });
        Assert.Equal([nle.Name, sle.Name, local.Name], firstPage.SystemLeaders.Concat(secondPage.SystemLeaders).Select(l => l.Name));
        Assert.Equal("", secondPage.NextPageToken);
    }

    [Fact]
    public async Task A_bad_leader_is_refused_with_every_problem_named()
    {
        var leader = new SystemLeader
        {
            DisplayName = "",
            Designation = Designation.Sle,
            LocalDesignation = "YLE",
            Specialisms = { "" },
            PhaseOfEducationCodes = { 9 },
            DesignationDate = new Date { Year = 2015, Month = 2, Day = 30 },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(leader));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["system_leader.designation_date", "system_leader.display_name", "system_leader.home_school", "system_leader.local_designation",
             "system_leader.phase_of_education_codes[0]", "system_leader.specialisms[0]"],
            error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).Order());
    }

    [Fact]
    public async Task A_local_designation_is_the_LAs_own_title_in_capitals()
    {
        var leader = Leader(Designation.Local, _yorkSchool, "Governance");
        leader.LocalDesignation = "yle";

        var error = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(leader));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("system_leader.local_designation: 'yle' is not a local designation: use 2-10 capital letters, for example YLE.", error.Status.Detail);
    }

    [Fact]
    public async Task A_leader_of_governance_needs_no_home_school_but_references_must_exist()
    {
        var nlg = Leader(Designation.Nlg, _yorkSchool, "Governance");
        nlg.HomeSchool = "";
        var created = await CreateAsync(nlg);
        var unknownSchool = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(Leader(Designation.Lle, TestData.School("816"), "Leadership")));
        var unknownAlliance = Leader(Designation.Lle, _yorkSchool, "Leadership");
        unknownAlliance.Alliance = "alliances/nowhere";
        var noAlliance = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(unknownAlliance));

        Assert.Equal("", created.HomeSchool);
        Assert.Equal(StatusCode.FailedPrecondition, unknownSchool.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, noAlliance.StatusCode);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_create_make_one_leader()
    {
        var specialism = $"Retries {TestData.NewUrn()}";
        var requestId = Guid.NewGuid().ToString();

        // Every call looks the request id up, and finds nothing, before any of them goes on to create.
        using var looked = gated.Gate.HoldAfter(CommandGate.RequestIdLookup, count: 8);
        var creates = Enumerable.Range(0, 8).Select(_ => Leaders.CreateSystemLeaderAsync(new CreateSystemLeaderRequest
        {
            SystemLeader = Leader(Designation.Sle, _yorkSchool, specialism),
            RequestId = requestId,
        }).ResponseAsync).ToList();
        await looked.ReleaseOnceArrivedAsync();
        var results = await Task.WhenAll(creates);

        Assert.Single(results.Select(l => l.Name).Distinct());
        var stored = await Leaders.ListSystemLeadersAsync(new ListSystemLeadersRequest { Specialism = specialism });
        Assert.Single(stored.SystemLeaders);
    }

    private SystemLeader Leader(Designation designation, School home, params string[] specialisms) => new()
    {
        DisplayName = "A. Leader",
        Designation = designation,
        HomeSchool = home.Name,
        Alliance = _alliance.Name,
        Specialisms = { specialisms },
        PhaseOfEducationCodes = { 2 },
        Active = true,
        DesignationDate = new Date { Year = 2015, Month = 9, Day = 1 },
    };

    private async Task<SystemLeader> CreateAsync(SystemLeader leader) =>
        await Leaders.CreateSystemLeaderAsync(new CreateSystemLeaderRequest { SystemLeader = leader });
}
