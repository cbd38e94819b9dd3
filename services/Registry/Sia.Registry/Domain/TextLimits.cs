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

    private const int Quoted = 40;

    /// <summary>
    /// Adds a violation unless the text has at most <paramref name="maxLength"/> characters and no NUL (which PostgreSQL
    /// can't store); says whether it passed.
    /// </summary>
    public static bool Check(string text, int maxLength, string field, Violations violations)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        if (text.Length > maxLength) violations.Add(field, $"{name} has at most {maxLength} characters; this one has {text.Length}.");
        else if (text.Contains('\0')) violations.Add(field, $"{name} contains a NUL character (U+0000), which no text in the registry may.");
        else return true;
        return false;
    }

    /// <summary>A caller's value as a refusal quotes it: whole if short, else its start and its length, so no refusal grows with what it refuses.</summary>
    public static string Quote(string value)
    {
        if (value.Length <= Quoted) return $"'{value}'";
        var start = char.IsHighSurrogate(value[Quoted - 1]) ? Quoted - 1 : Quoted;
        return $"'{value[..start]}…' ({value.Length} characters)";
    }
}
