namespace Sia.Funding.Data;

/// <summary>A local authority's fund for a financial year. Its amount never changes; what is left is in the ledger's balances.</summary>
internal sealed class FundEntity
{
    public long Id { get; init; }

    /// <summary>The LA's 3-digit code, "816".</summary>
    public required string LocalAuthorityCode { get; init; }
    public required string FundId { get; init; }

    /// <summary>The year it starts: 2015 for 2015/16 (April to March).</summary>
    public int FinancialYear { get; init; }
    public FundSource Source { get; set; }
    public required string Purpose { get; set; }
    public long AmountPence { get; init; }
    public required string SchoolsForumDecision { get; set; }
    public DateTime CreateTime { get; init; }
    public DateTime UpdateTime { get; set; }

    /// <summary>PostgreSQL's xmin: the etag.</summary>
    public uint Version { get; init; }
}

/// <summary>Where a fund's money comes from (stored by name).</summary>
internal enum FundSource
{
    DsgDeDelegation,
    CentralGrant,
    Other,
}
