namespace Sia.Registry.Domain;

/// <summary>What ListSystemLeaders keeps; every filter given must match. Empty lists, blanks and nulls filter nothing.</summary>
internal sealed record SystemLeaderFilter
{
    public IReadOnlyList<SystemLeaderDesignation> Designations { get; init; } = [];
    public string? AllianceId { get; init; }

    /// <summary>Leaders whose home school is in this local authority.</summary>
    public string? LocalAuthorityCode { get; init; }

    /// <summary>One of the leader's specialisms, any case.</summary>
    public string Specialism { get; init; } = "";
    public int? PhaseOfEducationCode { get; init; }
    public bool? Active { get; init; }
}
