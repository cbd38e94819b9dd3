using Sia.Funding.Data;

namespace Sia.Funding.Domain.Commitments;

/// <summary>What a commitment says: what for (a kind left unspecified is null, and refused), the school and the other service's resource it serves, if any, and how much.</summary>
internal sealed record CommitmentContent(CommitmentKind? Kind, string Purpose, string? School, string? Source, long AmountPence);

/// <summary>An invoice to pay out of a commitment; a date left unset is null (and refused).</summary>
internal sealed record NewSpend(string InvoiceReference, DateOnly? SpendDate, long AmountPence);

/// <summary>A commitment with what is spent and left of it, from the ledger.</summary>
internal sealed record CommitmentState(CommitmentEntity Commitment, long SpentPence, long LeftPence);
