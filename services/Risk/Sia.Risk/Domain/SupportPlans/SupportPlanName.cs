using System.Globalization;
using System.Text.RegularExpressions;
using Sia.Contracts.DomainErrors;

namespace Sia.Risk.Domain;

/// <summary>A school's support plan for an academic year: "schools/{urn}/supportPlans/2015-16".</summary>
internal readonly record struct SupportPlanName(int Urn, int AcademicYear)
{
    public override string ToString() => $"schools/{Urn}/supportPlans/{ServiceKit.Domain.AcademicYear.Id(AcademicYear)}";
}

internal static partial class ResourceNames
{
    public static SupportPlanName SupportPlan(string name, string field)
    {
        var match = SupportPlanPattern().Match(name);
        return match.Success && ServiceKit.Domain.AcademicYear.TryParse(match.Groups[2].Value, out var year)
            ? new SupportPlanName(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), year)
            : throw new ValidationFailedException(field,
                $"{TextChecks.Quote(name)} is not a support plan name; expected schools/{{urn}}/supportPlans/{{yyyy-yy}}, for example schools/121615/supportPlans/2015-16.");
    }

    /// <summary>"alliances/{id}" or "systemLeaders/{id}", as the registry names them.</summary>
    public static bool IsProvider(string name) => ProviderPattern().IsMatch(name);

    [GeneratedRegex(@"\Aschools/([0-9]{6})/supportPlans/([0-9]{4}-[0-9]{2})\z")]
    private static partial Regex SupportPlanPattern();

    [GeneratedRegex(@"\A(?:alliances/[a-z][a-z0-9-]{0,39}|systemLeaders/[1-9][0-9]{0,17})\z")]
    private static partial Regex ProviderPattern();
}
