using Google.Protobuf.WellKnownTypes;
using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Grpc.Mapping;

/// <summary>Between the API's SystemLeader messages and stored system leaders and the domain's leader details.</summary>
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
        DesignationDate = DateMapping.ToDate(entity.DesignationDate),
        Etag = Etag.From(entity.Version),
        CreateTime = Timestamp.FromDateTime(entity.CreateTime),
        UpdateTime = Timestamp.FromDateTime(entity.UpdateTime),
    };

    public static SystemLeaderDetails ToDetails(this SystemLeader leader) => new()
    {
        DisplayName = leader.DisplayName,
        Designation = (SystemLeaderDesignation)leader.Designation,
        LocalDesignation = leader.LocalDesignation,
        HomeSchool = leader.HomeSchool,
        Alliance = leader.Alliance,
        Specialisms = [.. leader.Specialisms],
        PhaseOfEducationCodes = [.. leader.PhaseOfEducationCodes],
        Active = leader.Active,
        DesignationDate = leader.DesignationDate.ToCalendarDate(),
    };

    /// <summary>The fields of a SystemLeader that UpdateSystemLeader may change, by field-mask path.</summary>
    public static readonly UpdateMask<SystemLeaderDetails> UpdatableFields = new(new Dictionary<string, Func<SystemLeaderDetails, SystemLeaderDetails, SystemLeaderDetails>>
    {
        ["display_name"] = (from, to) => to with { DisplayName = from.DisplayName },
        ["designation"] = (from, to) => to with { Designation = from.Designation },
        ["local_designation"] = (from, to) => to with { LocalDesignation = from.LocalDesignation },
        ["home_school"] = (from, to) => to with { HomeSchool = from.HomeSchool },
        ["alliance"] = (from, to) => to with { Alliance = from.Alliance },
        ["specialisms"] = (from, to) => to with { Specialisms = from.Specialisms },
        ["phase_of_education_codes"] = (from, to) => to with { PhaseOfEducationCodes = from.PhaseOfEducationCodes },
        ["active"] = (from, to) => to with { Active = from.Active },
        ["designation_date"] = (from, to) => to with { DesignationDate = from.DesignationDate },
    });
}
