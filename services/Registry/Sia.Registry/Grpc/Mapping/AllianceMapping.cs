using Google.Protobuf.WellKnownTypes;
using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Grpc.Mapping;

/// <summary>Between the API's Alliance messages and stored alliances and the domain's alliance details.</summary>
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

    public static AllianceDetails ToDetails(this Alliance alliance) => new(alliance.DisplayName, (AllianceKind)alliance.Kind, alliance.LeadSchool);

    /// <summary>The fields of an Alliance that UpdateAlliance may change, by field-mask path.</summary>
    public static readonly UpdateMask<AllianceDetails> UpdatableFields = new(new Dictionary<string, Func<AllianceDetails, AllianceDetails, AllianceDetails>>
    {
        ["display_name"] = (from, to) => to with { DisplayName = from.DisplayName },
        ["kind"] = (from, to) => to with { Kind = from.Kind },
        ["lead_school"] = (from, to) => to with { LeadSchool = from.LeadSchool },
    });
}
