using Google.Protobuf.WellKnownTypes;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

/// <summary>Between stored alliances and memberships and the API's messages.</summary>
internal static class AllianceMapping
{
    public static Alliance ToMessage(this AllianceEntity entity) => new()
    {
        Name = ResourceNames.Alliance(entity.AllianceId),
        DisplayName = entity.DisplayName,
        Kind = (Alliance.Types.Kind)entity.Kind,
        LeadSchool = ResourceNames.School(entity.LeadUrn),
        Etag = Etag.From(entity.Version),
        CreateTime = Timestamp.FromDateTime(entity.CreateTime),
        UpdateTime = Timestamp.FromDateTime(entity.UpdateTime),
    };

    public static AllianceMembership ToMessage(this AllianceMembershipEntity entity) => new()
    {
        Name = ResourceNames.AllianceMembership(entity.AllianceId, entity.Id),
        School = ResourceNames.School(entity.Urn),
        JoinDate = SchoolMapping.ToDate(entity.JoinDate),
        LeaveDate = SchoolMapping.ToDate(entity.LeaveDate),
        Etag = Etag.From(entity.Version),
    };

    /// <summary>Memberships as a school shows them: oldest first.</summary>
    public static IEnumerable<AllianceMembership> InJoinOrder(this IEnumerable<AllianceMembershipEntity> memberships) =>
        memberships.OrderBy(m => m.JoinDate).ThenBy(m => m.Id).Select(ToMessage);
}
