using Sia.Registry.Api;
using Sia.Registry.Gias;
using Sia.Registry.V1;

namespace Sia.Registry.Import;

internal static class GiasRowMapping
{
    /// <summary>A GIAS row as the School the API would take, so that it passes the same rules.</summary>
    public static School ToSchool(this GiasSchoolRow row)
    {
        var school = new School
        {
            Name = ResourceNames.School(row.Urn),
            Urn = row.Urn,
            LocalAuthorityCode = row.LaCode.ToString("000"),
            EstablishmentNumber = row.EstablishmentNumber,
            Ukprn = row.Ukprn ?? 0,
            DisplayName = row.Name,
            TypeOfEstablishmentCode = row.TypeOfEstablishmentCode,
            EstablishmentTypeGroupCode = row.EstablishmentTypeGroupCode,
            PhaseOfEducationCode = row.PhaseOfEducationCode,
            StatusCode = row.EstablishmentStatusCode,
            OpenDate = SchoolMapping.ToDate(row.OpenDate),
            CloseDate = SchoolMapping.ToDate(row.CloseDate),
            StatutoryLowAge = row.StatutoryLowAge ?? 0,
            StatutoryHighAge = row.StatutoryHighAge ?? 0,
            Trust = row.Trust ?? "",
            Federation = row.Federation ?? "",
            Diocese = row.DioceseName ?? "",
            Headteacher = row.Headteacher ?? "",
            Address = new Address { Street = row.Street ?? "", Locality = row.Locality ?? "", Town = row.Town ?? "", Postcode = row.Postcode ?? "" },
        };
        if (row.Capacity is { } capacity) school.Capacity = capacity;
        if (row.Pupils is { } pupils) school.Pupils = pupils;
        if (row.PercentageFsm is { } fsm) school.FreeSchoolMealsPercentage = (double)fsm;
        return school;
    }
}
