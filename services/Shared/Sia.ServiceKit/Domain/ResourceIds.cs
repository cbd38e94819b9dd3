using System.Text.RegularExpressions;

namespace Sia.ServiceKit.Domain;

/// <summary>The ids clients choose for resources (AIP-122): lower-case kebab, as "p1-good-or-better" or "assessment-without-levels".</summary>
public static partial class ResourceIds
{
    public const string Rule = "a lower-case letter, then lower-case letters, digits and hyphens, not ending with a hyphen, 1-63 characters";

    public static bool IsKebab(string id) => KebabPattern().IsMatch(id);

    [GeneratedRegex(@"\A[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?\z")]
    private static partial Regex KebabPattern();
}
