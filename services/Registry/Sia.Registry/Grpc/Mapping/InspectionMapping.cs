using Google.Protobuf.WellKnownTypes;
using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.V1;
using Sia.Contracts.Ofsted;

namespace Sia.Registry.Grpc.Mapping;

/// <summary>Between the API's Inspection messages and stored inspections and the domain's inspection reports.</summary>
internal static class InspectionMapping
{
    public static Inspection ToMessage(this InspectionEntity entity)
    {
        var inspection = new Inspection
        {
            Name = ResourceNames.Inspection(entity.Urn, entity.Id),
            InspectionDate = DateMapping.ToDate(entity.InspectionDate),
            Framework = (Inspection.Types.Framework)entity.Framework,
            OverallGrade = entity.OverallGrade ?? 0,
            Safeguarding = (Inspection.Types.Safeguarding)entity.Safeguarding,
            CategoryOfConcern = (Inspection.Types.CategoryOfConcern)entity.CategoryOfConcern,
            ReportUrl = entity.ReportUrl ?? "",
            CreateTime = Timestamp.FromDateTime(entity.CreateTime),
        };
        foreach (var grade in entity.Grades)
        {
            if (inspection.Framework == Inspection.Types.Framework.ReportCard2025) inspection.ReportCardAreas[grade.Area] = (Inspection.Types.ReportCardGrade)grade.Grade;
            else inspection.KeyJudgements[grade.Area] = grade.Grade;
        }
        return inspection;
    }

    public static InspectionReport ToReport(this Inspection inspection) => new()
    {
        InspectionDate = inspection.InspectionDate.ToCalendarDate(),
        Framework = (InspectionFramework)inspection.Framework,
        OverallGrade = inspection.OverallGrade,
        KeyJudgements = [.. inspection.KeyJudgements.Select(j => (j.Key, j.Value))],
        ReportCardAreas = [.. inspection.ReportCardAreas.Select(a => (a.Key, (ReportCardGrade)a.Value))],
        Safeguarding = (Safeguarding)inspection.Safeguarding,
        CategoryOfConcern = (CategoryOfConcern)inspection.CategoryOfConcern,
        ReportUrl = inspection.ReportUrl,
    };
}
