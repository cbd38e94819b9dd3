namespace Sia.Funding.Data;

/// <summary>
/// Part of an allocation promised to something, made by a ledger movement. Its amount never changes; what is spent and
/// left of it are the ledger's balances. Only its release time is ever set, once.
/// </summary>
internal sealed class CommitmentEntity
{
    public long Id { get; init; }
    public required string LocalAuthorityCode { get; init; }
    public required string FundId { get; init; }
    public required string AllocationId { get; init; }
    public required string CommitmentId { get; init; }
    public CommitmentKind Kind { get; init; }
    public required string Purpose { get; init; }

    /// <summary>"schools/{urn}", if it serves one school.</summary>
    public string? School { get; init; }

    /// <summary>The resource it pays for in another service, if any: an intervention, a CPD booking.</summary>
    public string? Source { get; init; }
    public long AmountPence { get; init; }
    public DateTime CreateTime { get; init; }

    /// <summary>When what was left went back to the allocation; null while it is open to spend.</summary>
    public DateTime? ReleaseTime { get; set; }
}

/// <summary>What a commitment pays for (stored by name).</summary>
internal enum CommitmentKind
{
    SupportPlanIntervention,
    SystemLeaderDeployment,
    FundedCpdPlace,
    Other,
}
