using Sia.Contracts.DomainErrors;

namespace Sia.Registry.Domain;

/// <summary>What makes an alliance valid, checked as a whole (a membership's period: <see cref="MembershipPeriod.Validate"/>).</summary>
internal static class AllianceRules
{
    public static void Validate(AllianceDetails alliance, string prefix, Violations violations)
    {
        if (string.IsNullOrWhiteSpace(alliance.DisplayName))
            violations.Add($"{prefix}.display_name", "An alliance needs a name.");
        else
            TextLimits.Check(alliance.DisplayName, TextLimits.Name, $"{prefix}.display_name", violations);
        if (alliance.Kind == AllianceKind.Unspecified || !Enum.IsDefined(alliance.Kind))
            violations.Add($"{prefix}.kind", "Say what kind of alliance this is: a teaching school alliance, a teaching school hub or a school improvement partnership.");
        if (!ResourceNames.TryParseSchool(alliance.LeadSchool, out _))
            violations.Add($"{prefix}.lead_school", $"{TextChecks.Quote(alliance.LeadSchool)} is not a school name; expected schools/{{6-digit URN}}.");
    }
}
