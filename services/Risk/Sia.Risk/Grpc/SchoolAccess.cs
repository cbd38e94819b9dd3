using Grpc.Core;
using Sia.Risk.Data.ReadModel;
using Sia.Risk.Domain;
using Sia.Risk.ReadModel;
using Sia.ServiceDefaults;
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
        context.RequireSchool(urn, school?.LaCode ?? "", AlliancesToday(school), resourceName);
    }

    /// <summary>
    /// Those of <paramref name="urns"/> the partner acts for, from one look-up of the copy (a school it does not hold: only
    /// if the partner acts for it by its URN); null, meaning all, for a call from inside or a partner acting for everyone.
    /// </summary>
    public async Task<IReadOnlySet<int>?> ActedForAsync(ServerCallContext context, IReadOnlyCollection<int> urns, CancellationToken cancellationToken)
    {
        if (context.GetCallingPartner() is not { ActsForEveryone: false } partner) return null;
        var schools = (await registry.FindSchoolsAsync(urns, cancellationToken)).ToDictionary(s => s.Urn);
        return urns.Where(urn => partner.ActsForSchool(urn, schools.GetValueOrDefault(urn)?.LaCode ?? "", AlliancesToday(schools.GetValueOrDefault(urn))))
            .ToHashSet();
    }

    /// <summary>The ids of the alliances the school is a member of today.</summary>
    private IEnumerable<string> AlliancesToday(RegistrySchoolEntity? school)
    {
        var today = clock.TodayInEngland();
        return school?.AllianceMemberships.Where(m => m.JoinDate <= today && (m.LeaveDate is null || m.LeaveDate > today))
            .Select(m => ResourceNames.AllianceId(m.Alliance)!) ?? [];
    }
}
