using Google.Type;
using Sia.Registry.V1;

namespace Sia.Registry.Tests;

/// <summary>Schools, alliances and memberships made through the API, for the tests that need them.</summary>
internal sealed class AllianceSteps(RegistryHost host)
{
    public SchoolService.SchoolServiceClient Schools => new(host.CreateChannel());
    public AllianceService.AllianceServiceClient Alliances => new(host.CreateChannel());

    /// <summary>A new school; a closed one closed on 31 August 2019.</summary>
    public async Task<School> CreateSchoolAsync(string laCode, int status = 1)
    {
        var school = TestData.School(laCode);
        school.StatusCode = status;
        if (status == 2) school.CloseDate = Day(2019, 8, 31);
        return await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = school });
    }

    public async Task<Alliance> CreateAllianceAsync(string id, School lead) =>
        await Alliances.CreateAllianceAsync(new CreateAllianceRequest
        {
            AllianceId = id,
            Alliance = new Alliance { DisplayName = $"{id} teaching school alliance", Kind = Alliance.Types.Kind.TeachingSchoolAlliance, LeadSchool = lead.Name },
        });

    public async Task<AllianceMembership> JoinAsync(Alliance alliance, string school, Date join, Date? leave = null, string requestId = "") =>
        await Alliances.CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
        {
            Parent = alliance.Name,
            AllianceMembership = new AllianceMembership { School = school, JoinDate = join, LeaveDate = leave },
            RequestId = requestId,
        });

    public Task<AllianceMembership> JoinAsync(Alliance alliance, School school, Date join, Date? leave = null, string requestId = "") =>
        JoinAsync(alliance, school.Name, join, leave, requestId);

    public static Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}
