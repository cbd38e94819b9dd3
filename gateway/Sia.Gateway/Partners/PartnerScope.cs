namespace Sia.Gateway.Partners;

/// <summary>
/// What a partner's key may call: "*" (everything), "pkg.*" (every service of a package and its sub-packages),
/// "pkg.Service" (every method of a service) or "/pkg.Service/Method" (one method).
/// </summary>
public sealed class PartnerScope
{
    private readonly string _text;
    private readonly Func<string, string, bool> _allows;

    private PartnerScope(string text, Func<string, string, bool> allows) => (_text, _allows) = (text, allows);

    public static bool TryParse(string text, out PartnerScope scope)
    {
        scope = null!;
        if (text == "*")
        {
            scope = new(text, (_, _) => true);
        }
        else if (text.EndsWith(".*", StringComparison.Ordinal) && IsName(text[..^2]))
        {
            var prefix = text[..^1];
            scope = new(text, (service, _) => service.StartsWith(prefix, StringComparison.Ordinal));
        }
        else if (IsName(text))
        {
            scope = new(text, (service, _) => service == text);
        }
        else if (text.Split('/') is ["", var service, var method] && IsName(service) && IsIdentifier(method))
        {
            scope = new(text, (s, m) => s == service && m == method);
        }
        return scope is not null;
    }

    /// <summary>Whether the scope covers the method at a gRPC path, "/pkg.Service/Method".</summary>
    public bool Allows(string path) =>
        path.Split('/') is ["", var service, var method] && service.Length > 0 && method.Length > 0 && _allows(service, method);

    public override string ToString() => _text;

    private static bool IsName(string text) => text.Length > 0 && text.Split('.').All(IsIdentifier);

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && !char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
