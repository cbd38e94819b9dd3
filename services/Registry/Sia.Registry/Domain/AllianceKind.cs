namespace Sia.Registry.Domain;

/// <summary>What an alliance is; numbered as the API (Alliance.Kind) and the database number it.</summary>
internal enum AllianceKind
{
    Unspecified = 0,
    TeachingSchoolAlliance = 1,
    TeachingSchoolHub = 2,
    SchoolImprovementPartnership = 3,
}
