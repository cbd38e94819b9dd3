namespace Sia.Contracts.DomainErrors;

/// <summary>How every service checks a caller's free text, and quotes a caller's value back in a refusal.</summary>
public static class TextChecks
{
    private const int Quoted = 40;

    /// <summary>
    /// Adds a violation unless the text has at most <paramref name="maxLength"/> characters and no NUL (which PostgreSQL
    /// can't store); says whether it passed.
    /// </summary>
    public static bool CheckText(this Violations violations, string text, int maxLength, string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        if (text.Length > maxLength) violations.Add(field, $"{name} has at most {maxLength} characters; this one has {text.Length}.");
        else if (text.Contains('\0')) violations.Add(field, $"{name} contains a NUL character (U+0000), which no stored text may.");
        else return true;
        return false;
    }

    /// <summary>As <see cref="CheckText"/>, for text that must not be empty or only white space (<paramref name="missing"/> says so).</summary>
    public static bool CheckRequiredText(this Violations violations, string text, int maxLength, string field, string missing)
    {
        if (!string.IsNullOrWhiteSpace(text)) return violations.CheckText(text, maxLength, field);
        violations.Add(field, missing);
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
