using Sia.Funding.Data;

namespace Sia.Funding.Domain.Accounting;

/// <summary>Pence into an account (positive) or out of it (negative).</summary>
internal sealed record Posting(string Account, long AmountPence);

/// <summary>
/// A movement of money for the ledger to record: what kind, the resource it is about, why, who asked (a partner's name, or
/// "internal") and with which request_id, and its postings, which sum to zero.
/// </summary>
internal sealed record Movement(JournalEntryKind Kind, string Subject, string Reason, string Actor, Guid? RequestId, IReadOnlyList<Posting> Postings)
{
    /// <summary>Money moved from one account to another.</summary>
    public static Movement Transfer(JournalEntryKind kind, string subject, string reason, string actor, Guid? requestId, string from, string to, long amountPence) =>
        new(kind, subject, reason, actor, requestId, [new Posting(from, -amountPence), new Posting(to, amountPence)]);
}
