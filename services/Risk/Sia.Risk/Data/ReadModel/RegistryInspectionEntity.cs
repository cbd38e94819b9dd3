using Sia.Contracts.Ofsted;
using Sia.Risk.Domain;

namespace Sia.Risk.Data.ReadModel;

/// <summary>An Ofsted inspection as the registry recorded it, with everything the risk rules read (<see cref="InspectionFacts"/>).</summary>
internal sealed class RegistryInspectionEntity
{
    /// <summary>The registry's id: the inspection is "schools/{urn}/inspections/{id}".</summary>
    public long Id { get; init; }
    public int Urn { get; init; }
    public DateOnly InspectionDate { get; set; }
    public InspectionFramework Framework { get; set; }

    /// <summary>1-4, or 0 where the framework gives none.</summary>
    public int OverallGrade { get; set; }
    public required Dictionary<string, int> KeyJudgements { get; set; }
    public required Dictionary<string, ReportCardGrade> ReportCardAreas { get; set; }
    public Safeguarding Safeguarding { get; set; }
    public CategoryOfConcern CategoryOfConcern { get; set; }

    /// <summary>How many of the registry's changes of this inspection were applied: it logs one, when it is recorded.</summary>
    public int AppliedChanges { get; set; }

    public string Name => ResourceNames.Inspection(Urn, Id);

    public InspectionFacts ToFacts() =>
        new(Name, InspectionDate, Framework, OverallGrade, KeyJudgements, ReportCardAreas, Safeguarding, CategoryOfConcern);
}
