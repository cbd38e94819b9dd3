using Sia.Contracts.DomainErrors;

namespace Sia.Registry.Domain;

/// <summary>
/// How much free text the registry takes in each kind of field (the protos document each field's limit; names, ids and
/// codes are bounded by their patterns instead), and how much of a caller's text a refusal quotes back.
/// </summary>
internal static class TextLimits
{
    /// <summary>Names of schools, LAs, clusters, alliances, trusts, federations, dioceses and people; a name filter.</summary>
    public const int Name = 200;

    /// <summary>Each part of a postal address: street, locality, town, postcode.</summary>
    public const int AddressPart = 100;

    /// <summary>A system leader's specialism, or the one a list filters by.</summary>
    public const int Specialism = 100;

    /// <summary>The name of an inspection's key judgement or report card area (the longest there is has 43 characters).</summary>
    public const int GradedArea = 50;

    public const int Url = 2000;

    /// <summary>Adds a violation unless the text fits the limit and holds no NUL (<see cref="TextChecks.CheckText"/>); says whether it passed.</summary>
    public static bool Check(string text, int maxLength, string field, Violations violations) => violations.CheckText(text, maxLength, field);
}
