using Sia.Contracts.DomainErrors;
using Sia.Contracts.Ofsted;

namespace Sia.Registry.Domain;

/// <summary>What makes a School valid, checked as a whole so that every problem is reported at once.</summary>
internal static class SchoolRules
{
    /// <summary>GIAS EstablishmentTypeGroup codes.</summary>
    private static readonly HashSet<int> TypeGroups = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14];

    public static void Validate(SchoolDetails school, string prefix, Violations violations)
    {
        if (school.LocalAuthorityCode.Length != 3 || !school.LocalAuthorityCode.All(char.IsAsciiDigit))
            violations.Add($"{prefix}.local_authority_code", $"{TextChecks.Quote(school.LocalAuthorityCode)} is not a 3-digit LA code.");
        if (school.EstablishmentNumber is < 0 or > 9999)
            violations.Add($"{prefix}.establishment_number", $"{school.EstablishmentNumber} is not a 4-digit establishment number (0-9999).");
        if (string.IsNullOrWhiteSpace(school.DisplayName))
            violations.Add($"{prefix}.display_name", "A school needs a name.");
        else
            TextLimits.Check(school.DisplayName, TextLimits.Name, $"{prefix}.display_name", violations);
        ValidateTexts(school, prefix, violations);
        if (school.Ukprn is < 10_000_000 or > 99_999_999)
            violations.Add($"{prefix}.ukprn", $"{school.Ukprn} is not an 8-digit UKPRN (or 0 when unknown).");
        if (school.PhaseOfEducationCode is < 0 or > 7)
            violations.Add($"{prefix}.phase_of_education_code", $"{school.PhaseOfEducationCode} is not a GIAS phase of education code (0-7).");
        if (school.StatusCode is < 1 or > 4)
            violations.Add($"{prefix}.status_code", $"{school.StatusCode} is not a GIAS establishment status code (1 open, 2 closed, 3 open but proposed to close, 4 proposed to open).");
        if (!TypeGroups.Contains(school.EstablishmentTypeGroupCode))
            violations.Add($"{prefix}.establishment_type_group_code", $"{school.EstablishmentTypeGroupCode} is not a GIAS establishment type group code.");
        if (school.TypeOfEstablishmentCode is < 1 or > 99)
            violations.Add($"{prefix}.type_of_establishment_code", $"{school.TypeOfEstablishmentCode} is not a GIAS type of establishment code.");
        ValidateAges(school, prefix, violations);
        var open = CalendarDate.Validate(school.OpenDate, $"{prefix}.open_date", violations);
        var close = CalendarDate.Validate(school.CloseDate, $"{prefix}.close_date", violations);
        if (open is not null && close is not null && close < open)
            violations.Add($"{prefix}.close_date", $"The close date {close:yyyy-MM-dd} is before the open date {open:yyyy-MM-dd}.");
        if (school.Cluster.Length > 0)
        {
            if (!ResourceNames.TryParseCluster(school.Cluster, out var cluster))
                violations.Add($"{prefix}.cluster", $"{TextChecks.Quote(school.Cluster)} is not a cluster name; expected localAuthorities/{{code}}/clusters/{{cluster id}}.");
            else if (cluster.LaCode != school.LocalAuthorityCode)
                violations.Add($"{prefix}.cluster", $"{school.Cluster} belongs to another local authority than the school's ({school.LocalAuthorityCode}).");
        }
        if (school.Capacity < 0) violations.Add($"{prefix}.capacity", "Capacity can't be negative.");
        if (school.Pupils < 0) violations.Add($"{prefix}.pupils", "The number of pupils can't be negative.");
        if (school.FreeSchoolMealsPercentage is < 0 or > 100 or double.NaN)
            violations.Add($"{prefix}.free_school_meals_percentage", $"{school.FreeSchoolMealsPercentage} is not a percentage (0-100).");
    }

    private static void ValidateTexts(SchoolDetails school, string prefix, Violations violations)
    {
        TextLimits.Check(school.Trust, TextLimits.Name, $"{prefix}.trust", violations);
        TextLimits.Check(school.Federation, TextLimits.Name, $"{prefix}.federation", violations);
        TextLimits.Check(school.Diocese, TextLimits.Name, $"{prefix}.diocese", violations);
        TextLimits.Check(school.Headteacher, TextLimits.Name, $"{prefix}.headteacher", violations);
        TextLimits.Check(school.Address.Street, TextLimits.AddressPart, $"{prefix}.address.street", violations);
        TextLimits.Check(school.Address.Locality, TextLimits.AddressPart, $"{prefix}.address.locality", violations);
        TextLimits.Check(school.Address.Town, TextLimits.AddressPart, $"{prefix}.address.town", violations);
        TextLimits.Check(school.Address.Postcode, TextLimits.AddressPart, $"{prefix}.address.postcode", violations);
    }

    private static void ValidateAges(SchoolDetails school, string prefix, Violations violations)
    {
        if (school.StatutoryLowAge is < 0 or > 25) violations.Add($"{prefix}.statutory_low_age", $"{school.StatutoryLowAge} is not a statutory age (0-25).");
        if (school.StatutoryHighAge is < 0 or > 25) violations.Add($"{prefix}.statutory_high_age", $"{school.StatutoryHighAge} is not a statutory age (0-25).");
        if (school.StatutoryHighAge != 0 && school.StatutoryLowAge > school.StatutoryHighAge)
            violations.Add($"{prefix}.statutory_low_age", $"The age range is inverted: {school.StatutoryLowAge} to {school.StatutoryHighAge}.");
    }

    /// <summary>ListSchools' inspection filters: grades 1-4, categories of concern that exist (not UNSPECIFIED).</summary>
    public static void ValidateInspectionFilters(IReadOnlyList<int> latestOverallGrades, IReadOnlyList<CategoryOfConcern> latestCategoriesOfConcern, Violations violations)
    {
        if (latestOverallGrades.Where(grade => grade is < 1 or > 4).ToList() is [_, ..] grades)
            violations.Add("latest_overall_grades", $"{string.Join(", ", grades)}: overall grades are 1 (outstanding) to 4 (inadequate).");
        if (latestCategoriesOfConcern.Where(category => !Enum.IsDefined(category) || category == CategoryOfConcern.Unspecified)
                .Select(category => (int)category).ToList() is [_, ..] categories)
            violations.Add("latest_categories_of_concern",
                $"{string.Join(", ", categories)}: the categories of concern are NONE (1), SERIOUS_WEAKNESSES (2) and SPECIAL_MEASURES (3).");
    }
}
