namespace Sia.Funding.Data;

/// <summary>Part of a fund given to a provider; made by a ledger movement and, in this increment, never changed.</summary>
internal sealed class AllocationEntity
{
    public long Id { get; init; }
    public required string LocalAuthorityCode { get; init; }
    public required string FundId { get; init; }
    public required string AllocationId { get; init; }

    /// <summary>The provider's resource name: "alliances/ebor", "systemLeaders/12", a cluster or the LA itself.</summary>
    public required string Provider { get; init; }

    /// <summary>The risk service's priority name, if the money serves one.</summary>
    public string? ImprovementPriority { get; init; }
    public long AmountPence { get; init; }
    public required string Reason { get; init; }
    public DateTime CreateTime { get; init; }
}
