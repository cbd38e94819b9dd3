namespace Sia.Risk.Data.ReadModel;

/// <summary>A school as the registry last described it: the part of sia.registry.v1.School the risk service reads.</summary>
internal sealed class RegistrySchoolEntity
{
    public int Urn { get; init; }
    public required string LaCode { get; set; }
    public required string DisplayName { get; set; }
    public int PhaseOfEducationCode { get; set; }
    public int EstablishmentTypeGroupCode { get; set; }
    public int StatusCode { get; set; }

    /// <summary>"localAuthorities/{code}/clusters/{cluster_id}", or null.</summary>
    public string? Cluster { get; set; }
    public DateOnly? CloseDate { get; set; }

    /// <summary>How many of the registry's changes of this school were applied: one each, so the registry's count of them.</summary>
    public int AppliedChanges { get; set; }
    public List<RegistryAllianceMembershipEntity> AllianceMemberships { get; init; } = [];
}
