using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Type;
using Sia.Registry.V1;
using Sia.Testing.Postgres;
using Xunit;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Testing.AnyRequest;

/// <summary>
/// The registry with two resources of each kind (so that each list has a second page at one a page), a valid request for
/// each RPC about them (the base a test changes one field of), and the errors its host logs with an exception.
/// </summary>
public class SampledRegistryHost(PostgresServer postgres) : IAsyncLifetime
{
    private readonly CapturedErrors _errors = new();
    private RegistryHost _registry = null!;
    private Dictionary<string, IMessage> _requests = null!;

    public RawRegistryClient Client { get; private set; } = null!;

    public Uri Address => _registry.Address;

    public IReadOnlyCollection<string> LoggedErrors => _errors.Entries;

    /// <summary>Settings over the registry's own.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>A fresh copy of the valid request for this RPC; an empty one for an RPC this host has none for.</summary>
    public IMessage RequestFor(MethodDescriptor method) =>
        _requests.TryGetValue(method.InputType.FullName, out var request) ? request.Descriptor.Parser.ParseFrom(request.ToByteString()) : method.InputType.Parser.ParseFrom(ByteString.Empty);

    public IMessage RequestFor(string method) => RequestFor(RegistryMethods.Named(method));

    public async ValueTask InitializeAsync()
    {
        _registry = new RegistryHost(postgres) { Settings = Settings, ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_errors) };
        await _registry.InitializeAsync();
        var channel = _registry.CreateChannel();
        Client = new RawRegistryClient(channel);

        var localAuthorities = new LocalAuthorityService.LocalAuthorityServiceClient(channel);
        var la = await TestData.EnsureLocalAuthorityAsync(localAuthorities, "816", "York");
        await TestData.EnsureLocalAuthorityAsync(localAuthorities, "806", "Middlesbrough");
        var schools = new SchoolService.SchoolServiceClient(channel);
        var school = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var other = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var clusters = new ClusterService.ClusterServiceClient(channel);
        var cluster = await clusters.CreateClusterAsync(new CreateClusterRequest { Parent = la.Name, ClusterId = "north", Cluster = new Cluster { DisplayName = "North" } });
        await clusters.CreateClusterAsync(new CreateClusterRequest { Parent = la.Name, ClusterId = "east", Cluster = new Cluster { DisplayName = "East" } });
        var alliances = new AllianceService.AllianceServiceClient(channel);
        var alliance = await alliances.CreateAllianceAsync(new CreateAllianceRequest { AllianceId = "ebor", Alliance = Alliance(school) });
        await alliances.CreateAllianceAsync(new CreateAllianceRequest { AllianceId = "heath", Alliance = Alliance(other) });
        var membership = await alliances.CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
        {
            Parent = alliance.Name,
            AllianceMembership = new AllianceMembership { School = school.Name, JoinDate = Day(2020, 9, 1) },
        });
        await alliances.CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
        {
            Parent = alliance.Name,
            AllianceMembership = new AllianceMembership { School = school.Name, JoinDate = Day(2015, 9, 1), LeaveDate = Day(2018, 8, 31) },
        });
        var leaders = new SystemLeaderService.SystemLeaderServiceClient(channel);
        var leader = await leaders.CreateSystemLeaderAsync(new CreateSystemLeaderRequest { SystemLeader = Leader(school, alliance) });
        await leaders.CreateSystemLeaderAsync(new CreateSystemLeaderRequest { SystemLeader = Leader(other, alliance) });
        var inspections = new InspectionService.InspectionServiceClient(channel);
        var inspection = await inspections.CreateInspectionAsync(new CreateInspectionRequest { Parent = school.Name, Inspection = Inspection(Day(2023, 1, 25)) });
        await inspections.CreateInspectionAsync(new CreateInspectionRequest { Parent = school.Name, Inspection = Inspection(Day(2021, 3, 2)) });
        await inspections.CreateInspectionAsync(new CreateInspectionRequest { Parent = other.Name, Inspection = Inspection(Day(2023, 5, 9)) });

        var all = new FieldMask { Paths = { "*" } };
        IMessage[] requests =
        [
            new GetLocalAuthorityRequest { Name = la.Name },
            new ListLocalAuthoritiesRequest { PageSize = 1 },
            new CreateLocalAuthorityRequest { LocalAuthority = new LocalAuthority { Code = "817", DisplayName = "East Riding" }, RequestId = NewId() },
            new GetSchoolRequest { Name = school.Name },
            new BatchGetSchoolsRequest { Names = { school.Name, other.Name } },
            new ListSchoolsRequest
            {
                PageSize = 1,
                LocalAuthority = la.Name,
                PhaseOfEducationCodes = { 2 },
                EstablishmentTypeGroupCodes = { 4 },
                StatusCodes = { 1 },
                NameContains = "Test",
                LatestOverallGrades = { 2 },
                LatestCategoriesOfConcern = { V1.Inspection.Types.CategoryOfConcern.None },
            },
            new CreateSchoolRequest { School = TestData.School("816"), RequestId = NewId() },
            new UpdateSchoolRequest { School = new School(school) { Etag = "" }, UpdateMask = all },
            new GetClusterRequest { Name = cluster.Name },
            new ListClustersRequest { Parent = la.Name },
            new CreateClusterRequest { Parent = la.Name, ClusterId = "south", Cluster = new Cluster { DisplayName = "South" } },
            new GetAllianceRequest { Name = alliance.Name },
            new ListAlliancesRequest(),
            new CreateAllianceRequest { AllianceId = "pathfinder", Alliance = Alliance(school) },
            new UpdateAllianceRequest { Alliance = new Alliance(alliance) { Etag = "" }, UpdateMask = all },
            new GetAllianceMembershipRequest { Name = membership.Name },
            new ListAllianceMembershipsRequest { Parent = alliance.Name, ShowEnded = true },
            new CreateAllianceMembershipRequest
            {
                Parent = alliance.Name,
                AllianceMembership = new AllianceMembership { School = other.Name, JoinDate = Day(2021, 9, 1) },
                RequestId = NewId(),
            },
            new UpdateAllianceMembershipRequest
            {
                AllianceMembership = new AllianceMembership(membership) { Etag = "" },
                UpdateMask = new FieldMask { Paths = { "join_date" } },
            },
            new GetSystemLeaderRequest { Name = leader.Name },
            new ListSystemLeadersRequest
            {
                PageSize = 1,
                Designations = { SystemLeader.Types.Designation.Sle },
                Alliance = alliance.Name,
                LocalAuthority = la.Name,
                Specialism = "Mathematics",
            },
            new CreateSystemLeaderRequest { SystemLeader = Leader(school, alliance), RequestId = NewId() },
            new UpdateSystemLeaderRequest { SystemLeader = new SystemLeader(leader) { Etag = "" }, UpdateMask = all },
            new GetInspectionRequest { Name = inspection.Name },
            new ListInspectionsRequest { Parent = school.Name },
            new CreateInspectionRequest { Parent = school.Name, Inspection = Inspection(Day(2022, 6, 14)), RequestId = NewId() },
            new ImportGiasExtractRequest { LocalAuthorities = { la.Name } },
            new WatchChangesRequest(),
        ];
        _requests = requests.ToDictionary(request => request.Descriptor.FullName);
    }

    public ValueTask DisposeAsync() => _registry.DisposeAsync();

    private static string NewId() => Guid.NewGuid().ToString();

    private static Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static Alliance Alliance(School lead) =>
        new() { DisplayName = "Ebor Teaching School Alliance", Kind = V1.Alliance.Types.Kind.TeachingSchoolAlliance, LeadSchool = lead.Name };

    private static SystemLeader Leader(School home, Alliance alliance) => new()
    {
        DisplayName = "A. N. Other",
        Designation = SystemLeader.Types.Designation.Sle,
        HomeSchool = home.Name,
        Alliance = alliance.Name,
        Specialisms = { "Mathematics" },
        PhaseOfEducationCodes = { 2 },
        Active = true,
        DesignationDate = Day(2019, 4, 1),
    };

    private static Inspection Inspection(Date date) => new()
    {
        InspectionDate = date,
        Framework = V1.Inspection.Types.Framework.EducationInspectionFramework2019,
        OverallGrade = 2,
        KeyJudgements = { ["quality_of_education"] = 2 },
        ReportUrl = "https://reports.ofsted.gov.uk/provider/21/100000",
    };
}
