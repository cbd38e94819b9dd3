namespace Sia.Funding.Data;

/// <summary>
/// One movement of money, as the ledger records it for good: its lines sum to zero, and neither it nor its lines are ever
/// updated or deleted (the database refuses it, see <see cref="LedgerGuards"/>).
/// </summary>
internal sealed class JournalEntryEntity
{
    public long Id { get; init; }
    public JournalEntryKind Kind { get; init; }

    /// <summary>The resource the movement made or changed: the fund opened, the allocation or commitment made, the commitment spent or released.</summary>
    public required string Subject { get; init; }

    /// <summary>Why: the Schools Forum decision, the allocation's reason, the commitment's purpose, the invoice, the release's reason.</summary>
    public required string Reason { get; init; }

    /// <summary>Who: the calling partner's name, or "internal" for a call from inside.</summary>
    public required string Actor { get; init; }
    public Guid? RequestId { get; init; }
    public DateTime CreateTime { get; init; }
    public List<JournalLineEntity> Lines { get; init; } = [];
}

/// <summary>What a journal entry records (stored by name).</summary>
internal enum JournalEntryKind
{
    /// <summary>A fund's amount credited from its source.</summary>
    FundOpened,

    /// <summary>Money moved from a fund's unallocated balance to an allocation.</summary>
    Allocated,

    /// <summary>Money moved from an allocation's balance to a commitment.</summary>
    Committed,

    /// <summary>Money moved from what is left of a commitment to what is spent of it.</summary>
    Spent,

    /// <summary>What was left of a commitment moved back to its allocation.</summary>
    Released,
}
