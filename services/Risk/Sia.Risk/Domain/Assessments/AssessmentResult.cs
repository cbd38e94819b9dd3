using Sia.Risk.Domain.Frameworks;

namespace Sia.Risk.Domain.Assessments;

/// <summary>A fired rule, with the fact each of its conditions read.</summary>
internal sealed record FiredRule(string Rule, string Description, RuleOutcome Outcome, IReadOnlyList<string> Facts);

/// <summary>What an assessment comes to, and why: every criterion's outcome and every rule that fired.</summary>
internal sealed record AssessmentResult(
    string Category,
    string CategoryLabel,
    bool AtRisk,
    CausingConcern CausingConcern,
    InspectionDue InspectionDue,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<FiredRule> FiredRules,
    string? LatestInspection);
