namespace Sia.Funding.Data;

/// <summary>An invoice paid out of a commitment, made by a ledger movement and never changed.</summary>
internal sealed class SpendEntity
{
    public long Id { get; init; }

    /// <summary>The commitment's <see cref="CommitmentEntity.Id"/>.</summary>
    public long CommitmentId { get; init; }
    public required string InvoiceReference { get; init; }

    /// <summary>The invoice's date, in England.</summary>
    public DateOnly SpendDate { get; init; }
    public long AmountPence { get; init; }

    /// <summary>The RecordSpend call's request_id, by which a retry finds what it recorded.</summary>
    public Guid? RequestId { get; init; }
    public DateTime CreateTime { get; init; }
}
