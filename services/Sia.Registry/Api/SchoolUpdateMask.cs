using Google.Protobuf.WellKnownTypes;
using Sia.Contracts;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

/// <summary>The fields of a School that UpdateSchool may change, by field-mask path.</summary>
internal static class SchoolUpdateMask
{
    private static readonly Dictionary<string, Action<School, School>> Setters = new()
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
    };

    /// <summary>Copies the masked fields from the request onto the current school; "*" means every updatable field.</summary>
    public static void Apply(FieldMask? mask, School from, School to)
    {
        if (mask is null || mask.Paths.Count == 0)
            throw RpcErrors.InvalidArgument("update_mask", "Name the fields to change in update_mask (or \"*\" for all of them).");
        var paths = mask.Paths.Count == 1 && mask.Paths[0] == "*" ? Setters.Keys.ToList() : mask.Paths.ToList();
        var unknown = paths.Where(p => !Setters.ContainsKey(p)).ToList();
        if (unknown.Count > 0)
        {
            throw RpcErrors.InvalidArgument("update_mask",
                $"These fields can't be updated: {string.Join(", ", unknown)}. Updatable: {string.Join(", ", Setters.Keys)}.");
        }
        foreach (var path in paths) Setters[path](from, to);
    }
}
