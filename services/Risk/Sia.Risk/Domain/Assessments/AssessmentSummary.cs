namespace Sia.Risk.Domain.Assessments;

/// <summary>Counts over a scope's latest assessments: per category of the framework (in its order), at risk, causing concern, due for inspection.</summary>
internal sealed record AssessmentSummary(
    string Scope, int Assessed, IReadOnlyList<(string Category, string Label, int Count)> Categories, int AtRisk, int CausingConcern, int DueForInspection);
