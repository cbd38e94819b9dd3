using Sia.Registry.Data;

namespace Sia.Registry.Domain;

/// <summary>What an alliance is, as a create or an update gives it; the lead school by its resource name.</summary>
internal sealed record AllianceDetails(string DisplayName, AllianceKind Kind, string LeadSchool)
{
    public static AllianceDetails Of(AllianceEntity entity) =>
        new(entity.DisplayName, (AllianceKind)entity.Kind, ResourceNames.School(entity.LeadUrn));
}
