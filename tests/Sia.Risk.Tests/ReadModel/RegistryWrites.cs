using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Sia.Registry.V1;
using Date = Google.Type.Date;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Tests.ReadModel;

/// <summary>Changes made through a registry's API, as its clients would make them.</summary>
internal sealed class RegistryWrites(GrpcChannel channel)
{
    public SchoolService.SchoolServiceClient Schools { get; } = new(channel);
    public InspectionService.InspectionServiceClient Inspections { get; } = new(channel);

    /// <summary>
    /// York with a cluster, two schools (one in the cluster), an alliance led by one with the other a member, three
    /// inspections (CIF 2015, EIF 2019 with a category of concern, a 2025 report card with safeguarding not met) and, last,
    /// a system leader: a kind the read model does not copy.
    /// </summary>
    public async Task<RegistrySample> SampleAsync()
    {
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        var cluster = await new ClusterService.ClusterServiceClient(channel).CreateClusterAsync(new CreateClusterRequest
        {
            Parent = "localAuthorities/816", ClusterId = "north", Cluster = new Cluster { DisplayName = "North" },
        });
        var lead = TestData.School("816");
        lead.Cluster = cluster.Name;
        lead.Headteacher = "Jane Example";
        var leadSchool = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = lead });
        var member = await CreateSchoolAsync();
        var alliances = new AllianceService.AllianceServiceClient(channel);
        var alliance = await alliances.CreateAllianceAsync(new CreateAllianceRequest
        {
            AllianceId = "ebor",
            Alliance = new Alliance { DisplayName = "Ebor", Kind = Alliance.Types.Kind.TeachingSchoolAlliance, LeadSchool = leadSchool.Name },
        });
        var membership = await alliances.CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
        {
            Parent = alliance.Name,
            AllianceMembership = new AllianceMembership { School = member.Name, JoinDate = new Date { Year = 2015, Month = 9, Day = 1 } },
        });
        var cif = await InspectAsync(leadSchool, new Inspection
        {
            InspectionDate = new Date { Year = 2016, Month = 3, Day = 9 },
            Framework = Inspection.Types.Framework.CommonInspectionFramework2015,
            OverallGrade = 2,
            KeyJudgements = { ["leadership_and_management"] = 2, ["outcomes"] = 3 },
        });
        var eif = await InspectAsync(leadSchool, new Inspection
        {
            InspectionDate = new Date { Year = 2023, Month = 1, Day = 25 },
            Framework = Inspection.Types.Framework.EducationInspectionFramework2019,
            OverallGrade = 4,
            KeyJudgements = { ["quality_of_education"] = 4, ["behaviour_and_attitudes"] = 3 },
            CategoryOfConcern = Inspection.Types.CategoryOfConcern.SeriousWeaknesses,
        });
        var reportCard = await InspectAsync(member, ReportCard());
        var leader = await new SystemLeaderService.SystemLeaderServiceClient(channel).CreateSystemLeaderAsync(new CreateSystemLeaderRequest
        {
            SystemLeader = new SystemLeader { DisplayName = "Sam Leader", Designation = SystemLeader.Types.Designation.Nle, HomeSchool = leadSchool.Name, Active = true },
        });
        return new RegistrySample(cluster, leadSchool, member, alliance, membership, cif, eif, reportCard, leader);
    }

    public async Task<School> CreateSchoolAsync() =>
        await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });

    public async Task<Inspection> InspectAsync(School school, Inspection inspection) =>
        await Inspections.CreateInspectionAsync(new CreateInspectionRequest { Parent = school.Name, Inspection = inspection });

    /// <summary>Closes the school on the given date; the registry ends its memberships on it.</summary>
    public async Task<School> CloseAsync(School school, Date closeDate) =>
        await Schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = school.Name, StatusCode = 2, CloseDate = closeDate },
            UpdateMask = new FieldMask { Paths = { "status_code", "close_date" } },
        });

    public static Inspection ReportCard() => new()
    {
        InspectionDate = new Date { Year = 2025, Month = 11, Day = 20 },
        Framework = Inspection.Types.Framework.ReportCard2025,
        ReportCardAreas = { ["inclusion"] = Inspection.Types.ReportCardGrade.StrongStandard, ["achievement"] = Inspection.Types.ReportCardGrade.NeedsAttention },
        Safeguarding = Inspection.Types.Safeguarding.NotMet,
        CategoryOfConcern = Inspection.Types.CategoryOfConcern.None,
    };
}

internal sealed record RegistrySample(
    Cluster Cluster, School Lead, School Member, Alliance Alliance, AllianceMembership Membership,
    Inspection Cif, Inspection Eif, Inspection ReportCard, SystemLeader Leader);
