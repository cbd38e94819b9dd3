using Sia.Contracts.Ofsted;

namespace Sia.Registry.Domain;

/// <summary>What ListSchools keeps; every filter given must match. Empty lists and nulls filter nothing.</summary>
internal sealed record SchoolFilter
{
    public string? LocalAuthorityCode { get; init; }
    public (string LaCode, string ClusterId)? Cluster { get; init; }

    /// <summary>Schools that are members of this alliance today (in England).</summary>
    public string? AllianceId { get; init; }
    public IReadOnlyList<int> PhaseOfEducationCodes { get; init; } = [];
    public IReadOnlyList<int> EstablishmentTypeGroupCodes { get; init; } = [];
    public IReadOnlyList<int> StatusCodes { get; init; } = [];

    /// <summary>Part of the name, any case; blank for any name.</summary>
    public string NameContains { get; init; } = "";
    public IReadOnlyList<int> LatestOverallGrades { get; init; } = [];
    public IReadOnlyList<CategoryOfConcern> LatestCategoriesOfConcern { get; init; } = [];
    public DateOnly? LastInspectedOnOrAfter { get; init; }
    public DateOnly? LastInspectedBefore { get; init; }
}
