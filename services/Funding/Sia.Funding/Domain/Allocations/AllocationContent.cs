namespace Sia.Funding.Domain.Allocations;

/// <summary>What an allocation says: who receives the money, the priority it serves (if any), how much, and why.</summary>
internal sealed record AllocationContent(string Provider, string? ImprovementPriority, long AmountPence, string Reason);
