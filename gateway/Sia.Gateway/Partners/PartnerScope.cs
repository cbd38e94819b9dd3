using Sia.Gateway.Grpc;

namespace Sia.Gateway.Partners;

/// <summary>
/// What a partner's key may call: "*" (everything), "pkg.*" (every service of a package and its sub-packages),
/// "pkg.Service" (every method of a service) or "/pkg.Service/Method" (one method). Any of these may end ":read", for only
/// the methods the protos declare free of side effects (Get, List, Summarize, Watch), or ":write", for only the others:
/// "sia.risk.v1.*:read" lets a key read risk data and change none of it.
/// </summary>
public sealed class PartnerScope
{
    private readonly string _text;
    private readonly Func<string, string, bool> _covers;
    private readonly Access _access;

    private PartnerScope(string text, Func<string, string, bool> covers, Access access) => (_text, _covers, _access) = (text, covers, access);

    public static bool TryParse(string text, out PartnerScope scope)
    {
        var (methods, access) = SplitAccess(text);
        scope = null!;
        if (access is null) return false;
        if (methods == "*")
        {
            scope = new(text, (_, _) => true, access.Value);
        }
        else if (methods.EndsWith(".*", StringComparison.Ordinal) && IsName(methods[..^2]))
        {
            var prefix = methods[..^1];
            scope = new(text, (service, _) => service.StartsWith(prefix, StringComparison.Ordinal), access.Value);
        }
        else if (IsName(methods))
        {
            scope = new(text, (service, _) => service == methods, access.Value);
        }
        else if (methods.Split('/') is ["", var service, var method] && IsName(service) && IsIdentifier(method))
        {
            scope = new(text, (s, m) => s == service && m == method, access.Value);
        }
        return scope is not null;
    }

    /// <summary>Whether the scope covers the method at a gRPC path, "/pkg.Service/Method".</summary>
    public bool Allows(string path) =>
        path.Split('/') is ["", var service, var method] && service.Length > 0 && method.Length > 0 && _covers(service, method) &&
        _access switch
        {
            Access.Read => GrpcMethods.IsReadOnly(path),
            Access.Write => !GrpcMethods.IsReadOnly(path),
            _ => true,
        };

    public override string ToString() => _text;

    private enum Access { Any, Read, Write }

    /// <summary>"sia.risk.v1.*:read" is ("sia.risk.v1.*", Read); an unknown suffix gives no access.</summary>
    private static (string Methods, Access? Access) SplitAccess(string text) => text.LastIndexOf(':') is var colon and >= 0
        ? (text[..colon], text[(colon + 1)..] switch { "read" => Access.Read, "write" => Access.Write, _ => null })
        : (text, Access.Any);

    private static bool IsName(string text) => text.Length > 0 && text.Split('.').All(IsIdentifier);

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && !char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
