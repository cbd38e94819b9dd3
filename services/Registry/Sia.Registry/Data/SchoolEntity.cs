namespace Sia.Registry.Data;

/// <summary>A school as stored: GIAS codes as numbers, missing values as nulls.</summary>
public sealed class SchoolEntity
{
    public int Urn { get; init; }
    public required string LaCode { get; set; }
    public int EstablishmentNumber { get; set; }
    public int Laestab { get; set; }
    public int? Ukprn { get; set; }
    public required string Name { get; set; }
    public int TypeOfEstablishmentCode { get; set; }
    public int EstablishmentTypeGroupCode { get; set; }
    public int PhaseOfEducationCode { get; set; }
    public int StatusCode { get; set; }
    public DateOnly? OpenDate { get; set; }
    public DateOnly? CloseDate { get; set; }
    public int? StatutoryLowAge { get; set; }
    public int? StatutoryHighAge { get; set; }
    public int? Capacity { get; set; }
    public int? Pupils { get; set; }
    public decimal? FreeSchoolMealsPercentage { get; set; }
    public string? Trust { get; set; }
    public string? Federation { get; set; }
    public string? Diocese { get; set; }
    public string? Headteacher { get; set; }
    public string? Street { get; set; }
    public string? Locality { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }

    /// <summary>The school's cluster within its LA (la_code, cluster_id), if any.</summary>
    public string? ClusterId { get; set; }

    /// <summary>The latest inspection, kept here in the inspection's transaction (see Domain.LatestInspection).</summary>
    public long? LatestInspectionId { get; set; }
    public DateOnly? LatestInspectionDate { get; set; }
    public int? LatestOverallGrade { get; set; }
    public int? LatestCategoryOfConcern { get; set; }

    /// <summary>Every membership of an alliance, current and ended.</summary>
    public List<AllianceMembershipEntity> AllianceMemberships { get; init; } = [];

    /// <summary>PostgreSQL's xmin: changes with every update, so it serves as the etag.</summary>
    public uint Version { get; set; }
    public DateTime CreateTime { get; set; }
    public DateTime UpdateTime { get; set; }
}
