using Grpc.Core;
using Sia.Risk.ReadModel;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Grpc;

/// <summary>
/// Whether the calling partner acts for a school: for its LA, for an alliance it is a member of today, or for the school
/// itself (PartnerAccess), as the copy of the registry shows the school. Another partner gets NOT_FOUND.
/// </summary>
internal sealed class SchoolAccess(RegistryCopy registry, TimeProvider clock)
{
    /// <summary>NOT_FOUND naming <paramref name="resourceName"/> unless the partner acts for the school (a school the copy does not hold: only by its URN).</summary>
    public async Task RequireAsync(ServerCallContext context, int urn, string resourceName)
    {
        if (context.GetCallingPartnerActsForEveryone()) return;
        var school = await registry.FindSchoolAsync(urn, context.CancellationToken);
        var today = clock.TodayInEngland();
        var alliances = school?.AllianceMemberships.Where(m => m.JoinDate <= today && (m.LeaveDate is null || m.LeaveDate > today))
            .Select(m => m.Alliance["alliances/".Length..]) ?? [];
        context.RequireSchool(urn, school?.LaCode ?? "", alliances, resourceName);
    }
}
