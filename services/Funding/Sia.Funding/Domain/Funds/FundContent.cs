using Sia.Funding.Data;

namespace Sia.Funding.Domain.Funds;

/// <summary>What a fund says that an update may change; a source left unspecified is null (and refused).</summary>
internal sealed record FundContent(FundSource? Source, string Purpose, string SchoolsForumDecision);

/// <summary>A fund to create: its year and amount, which never change, and its content.</summary>
internal sealed record NewFund(int FinancialYear, long AmountPence, FundContent Content);

/// <summary>A fund with what is left of it to allocate, from the ledger.</summary>
internal sealed record FundState(FundEntity Fund, long UnallocatedPence);
