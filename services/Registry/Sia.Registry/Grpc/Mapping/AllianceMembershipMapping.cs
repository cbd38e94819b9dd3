using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Grpc.Mapping;

/// <summary>Between the API's AllianceMembership messages and stored memberships and the domain's membership periods.</summary>
internal static class AllianceMembershipMapping
{
    public static AllianceMembership ToMessage(this AllianceMembershipEntity entity) => new()
    {
        Name = ResourceNames.AllianceMembership(entity.AllianceId, entity.Id),
        School = ResourceNames.School(entity.Urn),
        JoinDate = DateMapping.ToDate(entity.JoinDate),
        LeaveDate = DateMapping.ToDate(entity.LeaveDate),
        Etag = Etag.From(entity.Version),
    };

    /// <summary>Memberships as a school shows them: oldest first.</summary>
    public static IEnumerable<AllianceMembership> InJoinOrder(this IEnumerable<AllianceMembershipEntity> memberships) =>
        memberships.OrderBy(m => m.JoinDate).ThenBy(m => m.Id).Select(ToMessage);

    public static MembershipPeriod ToPeriod(this AllianceMembership membership) =>
        new(membership.JoinDate.ToCalendarDate(), membership.LeaveDate.ToCalendarDate());

    /// <summary>The fields of an AllianceMembership that UpdateAllianceMembership may change, by field-mask path.</summary>
    public static readonly UpdateMask<MembershipPeriod> UpdatableFields = new(new Dictionary<string, Func<MembershipPeriod, MembershipPeriod, MembershipPeriod>>
    {
        ["join_date"] = (from, to) => to with { JoinDate = from.JoinDate },
        ["leave_date"] = (from, to) => to with { LeaveDate = from.LeaveDate },
    });
}
