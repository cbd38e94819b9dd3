using Sia.Registry.Domain;
using Sia.Registry.Gias;

namespace Sia.Registry.Import;

internal static class GiasRowMapping
{
    /// <summary>A GIAS row as the school's details, so that it passes the same rules as a school created through the API.</summary>
    public static SchoolDetails ToDetails(this GiasSchoolRow row) => new()
    {
        LocalAuthorityCode = row.LaCode.ToString("000"),
        EstablishmentNumber = row.EstablishmentNumber,
        Ukprn = row.Ukprn is 0 ? null : row.Ukprn,
        DisplayName = row.Name,
        TypeOfEstablishmentCode = row.TypeOfEstablishmentCode,
        EstablishmentTypeGroupCode = row.EstablishmentTypeGroupCode,
        PhaseOfEducationCode = row.PhaseOfEducationCode,
        StatusCode = row.EstablishmentStatusCode,
        OpenDate = CalendarDate.From(row.OpenDate),
        CloseDate = CalendarDate.From(row.CloseDate),
        StatutoryLowAge = row.StatutoryLowAge ?? 0,
        StatutoryHighAge = row.StatutoryHighAge ?? 0,
        Capacity = row.Capacity,
        Pupils = row.Pupils,
        FreeSchoolMealsPercentage = (double?)row.PercentageFsm,
        Trust = row.Trust ?? "",
        Federation = row.Federation ?? "",
        Diocese = row.DioceseName ?? "",
        Headteacher = row.Headteacher ?? "",
        Address = new SchoolAddress(row.Street ?? "", row.Locality ?? "", row.Town ?? "", row.Postcode ?? ""),
    };
}
