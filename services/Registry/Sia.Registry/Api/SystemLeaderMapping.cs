using Google.Protobuf.WellKnownTypes;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

/// <summary>Between stored system leaders and the API's SystemLeader messages.</summary>
internal static class SystemLeaderMapping
{
    public static SystemLeader ToMessage(this SystemLeaderEntity entity) => new()
    {
        Name = ResourceNames.SystemLeader(entity.Id),
        DisplayName = entity.DisplayName,
        Designation = (SystemLeader.Types.Designation)entity.Designation,
        LocalDesignation = entity.LocalDesignation ?? "",
        HomeSchool = entity.HomeUrn is { } urn ? ResourceNames.School(urn) : "",
        Alliance = entity.AllianceId is { } alliance ? ResourceNames.Alliance(alliance) : "",
        Specialisms = { entity.Specialisms },
        PhaseOfEducationCodes = { entity.PhaseOfEducationCodes },
        Active = entity.Active,
        DesignationDate = SchoolMapping.ToDate(entity.DesignationDate),
        Etag = Etag.From(entity.Version),
        CreateTime = Timestamp.FromDateTime(entity.CreateTime),
        UpdateTime = Timestamp.FromDateTime(entity.UpdateTime),
    };

    /// <summary>Copies every updatable value of a (validated) message onto the entity.</summary>
    public static void CopyTo(this SystemLeader leader, SystemLeaderEntity entity)
    {
        entity.DisplayName = leader.DisplayName.Trim();
        entity.Designation = (int)leader.Designation;
        entity.LocalDesignation = leader.Designation == SystemLeader.Types.Designation.Local ? leader.LocalDesignation : null;
        entity.HomeUrn = leader.HomeSchool.Length == 0 ? null : ResourceNames.SchoolUrn(leader.HomeSchool, "system_leader.home_school");
        entity.AllianceId = leader.Alliance.Length == 0 ? null : ResourceNames.AllianceId(leader.Alliance, "system_leader.alliance");
        entity.Specialisms = leader.Specialisms.Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        entity.PhaseOfEducationCodes = leader.PhaseOfEducationCodes.Distinct().Order().ToList();
        entity.Active = leader.Active;
        entity.DesignationDate = SchoolMapping.ToDateOnly(leader.DesignationDate);
    }
}
