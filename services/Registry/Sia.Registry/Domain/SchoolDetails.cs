using Sia.Registry.Data;

namespace Sia.Registry.Domain;

/// <summary>
/// What a school is, as a create or an update gives it (every field but the URN and what is derived): GIAS codes as
/// numbers, text as given, <see cref="SchoolRules"/> not yet applied.
/// </summary>
internal sealed record SchoolDetails
{
    public string LocalAuthorityCode { get; init; } = "";
    public int EstablishmentNumber { get; init; }
    public int? Ukprn { get; init; }
    public string DisplayName { get; init; } = "";
    public int TypeOfEstablishmentCode { get; init; }
    public int EstablishmentTypeGroupCode { get; init; }
    public int PhaseOfEducationCode { get; init; }
    public int StatusCode { get; init; }
    public CalendarDate? OpenDate { get; init; }
    public CalendarDate? CloseDate { get; init; }

    /// <summary>The statutory age range; a high age of 0 means the range is unknown.</summary>
    public int StatutoryLowAge { get; init; }
    public int StatutoryHighAge { get; init; }
    public int? Capacity { get; init; }
    public int? Pupils { get; init; }
    public double? FreeSchoolMealsPercentage { get; init; }

    /// <summary>Blank when there is none, as are the other texts.</summary>
    public string Trust { get; init; } = "";
    public string Federation { get; init; } = "";
    public string Diocese { get; init; } = "";
    public string Headteacher { get; init; } = "";
    public SchoolAddress Address { get; init; } = SchoolAddress.None;

    /// <summary>The cluster's resource name (localAuthorities/{code}/clusters/{id}), blank for none.</summary>
    public string Cluster { get; init; } = "";

    /// <summary>The row's details as an update starts from them.</summary>
    public static SchoolDetails Of(SchoolEntity entity) => new()
    {
        LocalAuthorityCode = entity.LaCode,
        EstablishmentNumber = entity.EstablishmentNumber,
        Ukprn = entity.Ukprn,
        DisplayName = entity.Name,
        TypeOfEstablishmentCode = entity.TypeOfEstablishmentCode,
        EstablishmentTypeGroupCode = entity.EstablishmentTypeGroupCode,
        PhaseOfEducationCode = entity.PhaseOfEducationCode,
        StatusCode = entity.StatusCode,
        OpenDate = CalendarDate.From(entity.OpenDate),
        CloseDate = CalendarDate.From(entity.CloseDate),
        StatutoryLowAge = entity.StatutoryLowAge ?? 0,
        StatutoryHighAge = entity.StatutoryHighAge ?? 0,
        Capacity = entity.Capacity,
        Pupils = entity.Pupils,
        FreeSchoolMealsPercentage = (double?)entity.FreeSchoolMealsPercentage,
        Trust = entity.Trust ?? "",
        Federation = entity.Federation ?? "",
        Diocese = entity.Diocese ?? "",
        Headteacher = entity.Headteacher ?? "",
        Address = new SchoolAddress(entity.Street ?? "", entity.Locality ?? "", entity.Town ?? "", entity.Postcode ?? ""),
        Cluster = entity.ClusterId is null ? "" : ResourceNames.Cluster(entity.LaCode, entity.ClusterId),
    };

    /// <summary>A new school's row, from (validated) details.</summary>
    public SchoolEntity NewEntity(int urn, DateTime now)
    {
        var entity = new SchoolEntity { Urn = urn, LaCode = LocalAuthorityCode, Name = DisplayName, CreateTime = now, UpdateTime = now };
        CopyTo(entity);
        return entity;
    }

    /// <summary>Copies every updatable value of (validated) details onto the row, deriving LAESTAB.</summary>
    public void CopyTo(SchoolEntity entity)
    {
        entity.LaCode = LocalAuthorityCode;
        entity.EstablishmentNumber = EstablishmentNumber;
        entity.Laestab = int.Parse(LocalAuthorityCode) * 10_000 + EstablishmentNumber;
        entity.Ukprn = Ukprn;
        entity.Name = DisplayName.Trim();
        entity.TypeOfEstablishmentCode = TypeOfEstablishmentCode;
        entity.EstablishmentTypeGroupCode = EstablishmentTypeGroupCode;
        entity.PhaseOfEducationCode = PhaseOfEducationCode;
        entity.StatusCode = StatusCode;
        entity.OpenDate = OpenDate?.ToDateOnly();
        entity.CloseDate = CloseDate?.ToDateOnly();
        entity.StatutoryLowAge = StatutoryHighAge == 0 ? null : StatutoryLowAge;
        entity.StatutoryHighAge = StatutoryHighAge == 0 ? null : StatutoryHighAge;
        entity.Capacity = Capacity;
        entity.Pupils = Pupils;
        entity.FreeSchoolMealsPercentage = FreeSchoolMealsPercentage is { } fsm ? Math.Round((decimal)fsm, 1) : null;
        entity.Trust = Optional(Trust);
        entity.Federation = Optional(Federation);
        entity.Diocese = Optional(Diocese);
        entity.Headteacher = Optional(Headteacher);
        entity.Street = Optional(Address.Street);
        entity.Locality = Optional(Address.Locality);
        entity.Town = Optional(Address.Town);
        entity.Postcode = Optional(Address.Postcode)?.ToUpperInvariant();
        entity.ClusterId = ResourceNames.TryParseCluster(Cluster, out var cluster) ? cluster.ClusterId : null;
    }

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
