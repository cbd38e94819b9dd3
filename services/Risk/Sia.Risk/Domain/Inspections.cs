using Sia.Contracts.Ofsted;

namespace Sia.Risk.Domain;

/// <summary>An inspection as the registry recorded it, in the read model.</summary>
internal sealed record InspectionFacts(
    string Name,
    DateOnly Date,
    InspectionFramework Framework,
    int OverallGrade,
    IReadOnlyDictionary<string, int> KeyJudgements,
    IReadOnlyDictionary<string, ReportCardGrade> ReportCardAreas,
    Safeguarding Safeguarding,
    CategoryOfConcern CategoryOfConcern)
{
    /// <summary>"schools/121615/inspections/7 (2014-03-05)".</summary>
    public override string ToString() => $"{Name} ({Date:yyyy-MM-dd})";
}
