using Sia.Registry.Data;
using Sia.Contracts.Ofsted;

namespace Sia.Registry.Domain;

/// <summary>An Ofsted inspection as a create gives it, in the shape of its framework (see <see cref="InspectionRules"/>).</summary>
internal sealed record InspectionReport
{
    public CalendarDate? InspectionDate { get; init; }
    public InspectionFramework Framework { get; init; }

    /// <summary>1 Outstanding to 4 Inadequate; 0 where the framework gives none.</summary>
    public int OverallGrade { get; init; }

    /// <summary>CIF 2015 and EIF 2019: judgements graded 1-4, in the order given.</summary>
    public IReadOnlyList<(string Judgement, int Grade)> KeyJudgements { get; init; } = [];

    /// <summary>2025 report cards: areas and their grades, in the order given.</summary>
    public IReadOnlyList<(string Area, ReportCardGrade Grade)> ReportCardAreas { get; init; } = [];
    public Safeguarding Safeguarding { get; init; }
    public CategoryOfConcern CategoryOfConcern { get; init; }
    public string ReportUrl { get; init; } = "";

    /// <summary>The inspection's row (and its grades' rows), from a (validated) report.</summary>
    public InspectionEntity NewEntity(int urn, DateTime now) => new()
    {
        Urn = urn,
        InspectionDate = InspectionDate!.Value.ToDateOnly(),
        Framework = (int)Framework,
        OverallGrade = OverallGrade == 0 ? null : OverallGrade,
        Safeguarding = (int)Safeguarding,
        CategoryOfConcern = (int)(CategoryOfConcern == CategoryOfConcern.Unspecified ? CategoryOfConcern.None : CategoryOfConcern),
        ReportUrl = string.IsNullOrWhiteSpace(ReportUrl) ? null : ReportUrl.Trim(),
        CreateTime = now,
        Grades =
        [
            .. KeyJudgements.Select(j => new InspectionGradeEntity { Area = j.Judgement, Grade = j.Grade }),
            .. ReportCardAreas.Select(a => new InspectionGradeEntity { Area = a.Area, Grade = (int)a.Grade }),
        ],
    };
}
