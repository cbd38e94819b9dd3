using Google.Protobuf.WellKnownTypes;
using Sia.Registry.Data;
using Sia.Registry.V1;
using static Sia.Registry.V1.Inspection.Types;

namespace Sia.Registry.Api;

internal static class InspectionMapping
{
    public static Inspection ToMessage(this InspectionEntity entity)
    {
        var inspection = new Inspection
        {
            Name = ResourceNames.Inspection(entity.Urn, entity.Id),
            InspectionDate = SchoolMapping.ToDate(entity.InspectionDate),
            Framework = (Framework)entity.Framework,
            OverallGrade = entity.OverallGrade ?? 0,
            Safeguarding = (Safeguarding)entity.Safeguarding,
            CategoryOfConcern = (CategoryOfConcern)entity.CategoryOfConcern,
            ReportUrl = entity.ReportUrl ?? "",
            CreateTime = Timestamp.FromDateTime(entity.CreateTime),
        };
        foreach (var grade in entity.Grades)
        {
            if (inspection.Framework == Framework.ReportCard2025) inspection.ReportCardAreas[grade.Area] = (ReportCardGrade)grade.Grade;
            else inspection.KeyJudgements[grade.Area] = grade.Grade;
        }
        return inspection;
    }

    public static InspectionEntity ToEntity(this Inspection inspection, int urn, DateTime now) => new()
    {
        Urn = urn,
        InspectionDate = SchoolMapping.ToDateOnly(inspection.InspectionDate)!.Value,
        Framework = (int)inspection.Framework,
        OverallGrade = inspection.OverallGrade == 0 ? null : inspection.OverallGrade,
        Safeguarding = (int)inspection.Safeguarding,
        CategoryOfConcern = (int)(inspection.CategoryOfConcern == CategoryOfConcern.Unspecified ? CategoryOfConcern.None : inspection.CategoryOfConcern),
        ReportUrl = string.IsNullOrWhiteSpace(inspection.ReportUrl) ? null : inspection.ReportUrl.Trim(),
        CreateTime = now,
        Grades =
        [
            .. inspection.KeyJudgements.Select(j => new InspectionGradeEntity { Area = j.Key, Grade = j.Value }),
            .. inspection.ReportCardAreas.Select(a => new InspectionGradeEntity { Area = a.Key, Grade = (int)a.Value }),
        ],
    };
}
