using Google.Protobuf.WellKnownTypes;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

/// <summary>Between stored schools and the API's School messages.</summary>
internal static class SchoolMapping
{
    public static School ToMessage(this SchoolEntity entity)
    {
        var school = new School
        {
            Name = ResourceNames.School(entity.Urn),
            Urn = entity.Urn,
            LocalAuthorityCode = entity.LaCode,
            EstablishmentNumber = entity.EstablishmentNumber,
            Laestab = entity.Laestab,
            Ukprn = entity.Ukprn ?? 0,
            DisplayName = entity.Name,
            TypeOfEstablishmentCode = entity.TypeOfEstablishmentCode,
            EstablishmentTypeGroupCode = entity.EstablishmentTypeGroupCode,
            PhaseOfEducationCode = entity.PhaseOfEducationCode,
            StatusCode = entity.StatusCode,
            OpenDate = ToDate(entity.OpenDate),
            CloseDate = ToDate(entity.CloseDate),
            StatutoryLowAge = entity.StatutoryLowAge ?? 0,
            StatutoryHighAge = entity.StatutoryHighAge ?? 0,
            Trust = entity.Trust ?? "",
            Federation = entity.Federation ?? "",
            Diocese = entity.Diocese ?? "",
            Headteacher = entity.Headteacher ?? "",
            Address = new Address { Street = entity.Street ?? "", Locality = entity.Locality ?? "", Town = entity.Town ?? "", Postcode = entity.Postcode ?? "" },
            Etag = Etag.From(entity.Version),
            CreateTime = Timestamp.FromDateTime(entity.CreateTime),
            UpdateTime = Timestamp.FromDateTime(entity.UpdateTime),
            Cluster = entity.ClusterId is null ? "" : ResourceNames.Cluster(entity.LaCode, entity.ClusterId),
            AllianceMemberships = { entity.AllianceMemberships.InJoinOrder() },
        };
        if (entity.Capacity is { } capacity) school.Capacity = capacity;
        if (entity.Pupils is { } pupils) school.Pupils = pupils;
        if (entity.FreeSchoolMealsPercentage is { } fsm) school.FreeSchoolMealsPercentage = (double)fsm;
        if (entity.LatestInspectionId is { } inspectionId)
        {
            school.LatestInspection = new InspectionSummary
            {
                Inspection = ResourceNames.Inspection(entity.Urn, inspectionId),
                InspectionDate = ToDate(entity.LatestInspectionDate),
                OverallGrade = entity.LatestOverallGrade ?? 0,
                CategoryOfConcern = (Inspection.Types.CategoryOfConcern)(entity.LatestCategoryOfConcern ?? 0),
            };
        }
        return school;
    }

    /// <summary>Copies every updatable value of a (validated) message onto the entity.</summary>
    public static void CopyTo(this School school, SchoolEntity entity)
    {
        entity.LaCode = school.LocalAuthorityCode;
        entity.EstablishmentNumber = school.EstablishmentNumber;
        entity.Laestab = int.Parse(school.LocalAuthorityCode) * 10_000 + school.EstablishmentNumber;
        entity.Ukprn = school.Ukprn == 0 ? null : school.Ukprn;
        entity.Name = school.DisplayName.Trim();
        entity.TypeOfEstablishmentCode = school.TypeOfEstablishmentCode;
        entity.EstablishmentTypeGroupCode = school.EstablishmentTypeGroupCode;
        entity.PhaseOfEducationCode = school.PhaseOfEducationCode;
        entity.StatusCode = school.StatusCode;
        entity.OpenDate = ToDateOnly(school.OpenDate);
        entity.CloseDate = ToDateOnly(school.CloseDate);
        entity.StatutoryLowAge = school.StatutoryHighAge == 0 ? null : school.StatutoryLowAge;
        entity.StatutoryHighAge = school.StatutoryHighAge == 0 ? null : school.StatutoryHighAge;
        entity.Capacity = school.HasCapacity ? school.Capacity : null;
        entity.Pupils = school.HasPupils ? school.Pupils : null;
        entity.FreeSchoolMealsPercentage = school.HasFreeSchoolMealsPercentage ? Math.Round((decimal)school.FreeSchoolMealsPercentage, 1) : null;
        entity.Trust = Optional(school.Trust);
        entity.Federation = Optional(school.Federation);
        entity.Diocese = Optional(school.Diocese);
        entity.Headteacher = Optional(school.Headteacher);
        entity.Street = Optional(school.Address?.Street);
        entity.Locality = Optional(school.Address?.Locality);
        entity.Town = Optional(school.Address?.Town);
        entity.Postcode = Optional(school.Address?.Postcode)?.ToUpperInvariant();
        entity.ClusterId = school.Cluster.Length == 0 ? null : ResourceNames.ClusterId(school.Cluster, "school.cluster").ClusterId;
    }

    public static Google.Type.Date? ToDate(DateOnly? date) =>
        date is { } d ? new Google.Type.Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    public static DateOnly? ToDateOnly(Google.Type.Date? date) =>
        date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0) ? null : new DateOnly(date.Year, date.Month, date.Day);

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
