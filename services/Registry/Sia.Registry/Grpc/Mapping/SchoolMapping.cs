using Google.Protobuf.WellKnownTypes;
using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;
using Sia.Contracts.Ofsted;

namespace Sia.Registry.Grpc.Mapping;

/// <summary>Between the API's School messages and stored schools and the domain's school details.</summary>
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
            OpenDate = DateMapping.ToDate(entity.OpenDate),
            CloseDate = DateMapping.ToDate(entity.CloseDate),
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
                InspectionDate = DateMapping.ToDate(entity.LatestInspectionDate),
                OverallGrade = entity.LatestOverallGrade ?? 0,
                CategoryOfConcern = (Inspection.Types.CategoryOfConcern)(entity.LatestCategoryOfConcern ?? 0),
            };
        }
        return school;
    }

    /// <summary>The school's details as the request gives them (every updatable field), for the domain to check.</summary>
    public static SchoolDetails ToDetails(this School school) => new()
    {
        LocalAuthorityCode = school.LocalAuthorityCode,
        EstablishmentNumber = school.EstablishmentNumber,
        Ukprn = school.Ukprn == 0 ? null : school.Ukprn,
        DisplayName = school.DisplayName,
        TypeOfEstablishmentCode = school.TypeOfEstablishmentCode,
        EstablishmentTypeGroupCode = school.EstablishmentTypeGroupCode,
        PhaseOfEducationCode = school.PhaseOfEducationCode,
        StatusCode = school.StatusCode,
        OpenDate = school.OpenDate.ToCalendarDate(),
        CloseDate = school.CloseDate.ToCalendarDate(),
        StatutoryLowAge = school.StatutoryLowAge,
        StatutoryHighAge = school.StatutoryHighAge,
        Capacity = school.HasCapacity ? school.Capacity : null,
        Pupils = school.HasPupils ? school.Pupils : null,
        FreeSchoolMealsPercentage = school.HasFreeSchoolMealsPercentage ? school.FreeSchoolMealsPercentage : null,
        Trust = school.Trust,
        Federation = school.Federation,
        Diocese = school.Diocese,
        Headteacher = school.Headteacher,
        Address = school.Address is { } address ? new SchoolAddress(address.Street, address.Locality, address.Town, address.Postcode) : SchoolAddress.None,
        Cluster = school.Cluster,
    };

    /// <summary>The fields of a School that UpdateSchool may change, by field-mask path.</summary>
    public static readonly UpdateMask<SchoolDetails> UpdatableFields = new(new Dictionary<string, Func<SchoolDetails, SchoolDetails, SchoolDetails>>
    {
        ["local_authority_code"] = (from, to) => to with { LocalAuthorityCode = from.LocalAuthorityCode },
        ["establishment_number"] = (from, to) => to with { EstablishmentNumber = from.EstablishmentNumber },
        ["ukprn"] = (from, to) => to with { Ukprn = from.Ukprn },
        ["display_name"] = (from, to) => to with { DisplayName = from.DisplayName },
        ["type_of_establishment_code"] = (from, to) => to with { TypeOfEstablishmentCode = from.TypeOfEstablishmentCode },
        ["establishment_type_group_code"] = (from, to) => to with { EstablishmentTypeGroupCode = from.EstablishmentTypeGroupCode },
        ["phase_of_education_code"] = (from, to) => to with { PhaseOfEducationCode = from.PhaseOfEducationCode },
        ["status_code"] = (from, to) => to with { StatusCode = from.StatusCode },
        ["open_date"] = (from, to) => to with { OpenDate = from.OpenDate },
        ["close_date"] = (from, to) => to with { CloseDate = from.CloseDate },
        ["statutory_low_age"] = (from, to) => to with { StatutoryLowAge = from.StatutoryLowAge },
        ["statutory_high_age"] = (from, to) => to with { StatutoryHighAge = from.StatutoryHighAge },
        ["capacity"] = (from, to) => to with { Capacity = from.Capacity },
        ["pupils"] = (from, to) => to with { Pupils = from.Pupils },
        ["free_school_meals_percentage"] = (from, to) => to with { FreeSchoolMealsPercentage = from.FreeSchoolMealsPercentage },
        ["trust"] = (from, to) => to with { Trust = from.Trust },
        ["federation"] = (from, to) => to with { Federation = from.Federation },
        ["diocese"] = (from, to) => to with { Diocese = from.Diocese },
        ["headteacher"] = (from, to) => to with { Headteacher = from.Headteacher },
        ["address"] = (from, to) => to with { Address = from.Address },
        ["cluster"] = (from, to) => to with { Cluster = from.Cluster },
    });
}
