using Sia.Registry.V1;

namespace Sia.Registry.Api;

/// <summary>The fields of a School that UpdateSchool may change, by field-mask path.</summary>
internal static class SchoolUpdateMask
{
    public static readonly UpdateMask<School> Fields = new(new Dictionary<string, Action<School, School>>
    {
        ["local_authority_code"] = (from, to) => to.LocalAuthorityCode = from.LocalAuthorityCode,
        ["establishment_number"] = (from, to) => to.EstablishmentNumber = from.EstablishmentNumber,
        ["ukprn"] = (from, to) => to.Ukprn = from.Ukprn,
        ["display_name"] = (from, to) => to.DisplayName = from.DisplayName,
        ["type_of_establishment_code"] = (from, to) => to.TypeOfEstablishmentCode = from.TypeOfEstablishmentCode,
        ["establishment_type_group_code"] = (from, to) => to.EstablishmentTypeGroupCode = from.EstablishmentTypeGroupCode,
        ["phase_of_education_code"] = (from, to) => to.PhaseOfEducationCode = from.PhaseOfEducationCode,
        ["status_code"] = (from, to) => to.StatusCode = from.StatusCode,
        ["open_date"] = (from, to) => to.OpenDate = from.OpenDate,
        ["close_date"] = (from, to) => to.CloseDate = from.CloseDate,
        ["statutory_low_age"] = (from, to) => to.StatutoryLowAge = from.StatutoryLowAge,
        ["statutory_high_age"] = (from, to) => to.StatutoryHighAge = from.StatutoryHighAge,
        ["capacity"] = (from, to) => { if (from.HasCapacity) to.Capacity = from.Capacity; else to.ClearCapacity(); },
        ["pupils"] = (from, to) => { if (from.HasPupils) to.Pupils = from.Pupils; else to.ClearPupils(); },
        ["free_school_meals_percentage"] = (from, to) =>
        {
            if (from.HasFreeSchoolMealsPercentage) to.FreeSchoolMealsPercentage = from.FreeSchoolMealsPercentage;
            else to.ClearFreeSchoolMealsPercentage();
        },
        ["trust"] = (from, to) => to.Trust = from.Trust,
        ["federation"] = (from, to) => to.Federation = from.Federation,
        ["diocese"] = (from, to) => to.Diocese = from.Diocese,
        ["headteacher"] = (from, to) => to.Headteacher = from.Headteacher,
        ["address"] = (from, to) => to.Address = from.Address,
        ["cluster"] = (from, to) => to.Cluster = from.Cluster,
    });
}
