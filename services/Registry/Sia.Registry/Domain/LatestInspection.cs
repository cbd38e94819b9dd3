using Sia.Registry.Data;

namespace Sia.Registry.Domain;

/// <summary>A school keeps its latest inspection on its own row, so lists can filter and show it.</summary>
internal static class LatestInspection
{
    /// <summary>Makes the inspection the school's latest unless a later one is already recorded; says whether it did.</summary>
    public static bool Record(SchoolEntity school, InspectionEntity inspection)
    {
        if (school.LatestInspectionDate is { } latest && inspection.InspectionDate < latest) return false;
        school.LatestInspectionId = inspection.Id;
        school.LatestInspectionDate = inspection.InspectionDate;
        school.LatestOverallGrade = inspection.OverallGrade;
        school.LatestCategoryOfConcern = inspection.CategoryOfConcern;
        return true;
    }
}
