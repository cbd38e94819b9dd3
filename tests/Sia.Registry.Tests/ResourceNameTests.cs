using Grpc.Core;
using Grpc.Net.Client;
using Sia.Registry.V1;

namespace Sia.Registry.Tests;

/// <summary>Resource names, chosen ids and local designations are ASCII to the end: no other script's digits, no final newline.</summary>
public sealed class ResourceNameTests(RegistryHost host) : IClassFixture<RegistryHost>, IAsyncLifetime
{
    private readonly GrpcChannel _channel = host.CreateChannel();

    public async ValueTask InitializeAsync() =>
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(_channel), "816", "York");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TheoryData<string, string, string> BadNames => new()
    {
        { "GetSchool", "schools/99010２", "name" },
        { "GetSchool", "schools/990102\n", "name" },
        { "GetLocalAuthority", "localAuthorities/81６", "name" },
        { "GetCluster", "localAuthorities/81６/clusters/north", "name" },
        { "GetAllianceMembership", "alliances/ebor/memberships/1２", "name" },
        { "GetSystemLeader", "systemLeaders/1٢", "name" },
        { "GetInspection", "schools/990102/inspections/1７", "name" },
        { "ImportGiasExtract", "localAuthorities/81６", "local_authorities[0]" },
        { "CreateCluster", "north\n", "cluster_id" },
        { "CreateAlliance", "ebor\n", "alliance_id" },
        { "CreateSystemLeader", "YLE\n", "system_leader.local_designation" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_name_with_a_non_ASCII_digit_or_a_final_newline_is_invalid_naming_its_field(string rpc, string name, string field) =>
        await Refusals.AssertInvalidAsync(() => CallAsync(rpc, name), field);

    private Task CallAsync(string rpc, string name) => rpc switch
    {
        "GetSchool" => new SchoolService.SchoolServiceClient(_channel).GetSchoolAsync(new GetSchoolRequest { Name = name }).ResponseAsync,
        "GetLocalAuthority" => new LocalAuthorityService.LocalAuthorityServiceClient(_channel).GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = name }).ResponseAsync,
        "GetCluster" => new ClusterService.ClusterServiceClient(_channel).GetClusterAsync(new GetClusterRequest { Name = name }).ResponseAsync,
        "GetAllianceMembership" => new AllianceService.AllianceServiceClient(_channel).GetAllianceMembershipAsync(new GetAllianceMembershipRequest { Name = name }).ResponseAsync,
        "GetSystemLeader" => new SystemLeaderService.SystemLeaderServiceClient(_channel).GetSystemLeaderAsync(new GetSystemLeaderRequest { Name = name }).ResponseAsync,
        "GetInspection" => new InspectionService.InspectionServiceClient(_channel).GetInspectionAsync(new GetInspectionRequest { Name = name }).ResponseAsync,
        "ImportGiasExtract" => ImportAsync(name),
        "CreateCluster" => new ClusterService.ClusterServiceClient(_channel).CreateClusterAsync(new CreateClusterRequest
        {
            Parent = "localAuthorities/816",
            ClusterId = name,
            Cluster = new Cluster { DisplayName = "North" },
        }).ResponseAsync,
        "CreateAlliance" => CreateAllianceAsync(name),
        "CreateSystemLeader" => new SystemLeaderService.SystemLeaderServiceClient(_channel).CreateSystemLeaderAsync(new CreateSystemLeaderRequest
        {
            SystemLeader = new SystemLeader { DisplayName = "A. Leader", Designation = SystemLeader.Types.Designation.Local, LocalDesignation = name },
        }).ResponseAsync,
        _ => throw new ArgumentOutOfRangeException(nameof(rpc), rpc, null),
    };

    private async Task ImportAsync(string localAuthority)
    {
        using var call = new GiasImportService.GiasImportServiceClient(_channel).ImportGiasExtract();
        await call.RequestStream.WriteAsync(new ImportGiasExtractRequest { LocalAuthorities = { localAuthority } });
        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;
    }

    private async Task CreateAllianceAsync(string allianceId)
    {
        var lead = await new SchoolService.SchoolServiceClient(_channel).CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        await new AllianceService.AllianceServiceClient(_channel).CreateAllianceAsync(new CreateAllianceRequest
        {
            AllianceId = allianceId,
            Alliance = new Alliance { DisplayName = "Ebor", Kind = Alliance.Types.Kind.TeachingSchoolAlliance, LeadSchool = lead.Name },
        });
    }
}
