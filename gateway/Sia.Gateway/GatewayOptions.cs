namespace Sia.Gateway;

/// <summary>The gateway's own settings (section Gateway); routes and clusters are YARP's (section ReverseProxy).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>
    /// How the section is bound: a key no property takes stops the start, as a misspelt one would otherwise be ignored
    /// (ActsFor:LocalAuthority for ActsFor:LocalAuthorities would make the partner act for everyone).
    /// </summary>
    public static void Strictly(BinderOptions binder) => binder.ErrorOnUnknownConfiguration = true;

    /// <summary>The partners that may call, each with the SHA-256 of its API key and its scopes.</summary>
    public List<PartnerOptions> Partners { get; set; } = [];

    /// <summary>The secret the gateway signs x-sia-partner with; the services verify with the same one.</summary>
    public string? PartnerSigningKey { get; set; }

    public RateLimitOptions RateLimit { get; set; } = new();

    public TlsOptions Tls { get; set; } = new();

    /// <summary>How long to wait for a TCP connection to a backend before answering UNAVAILABLE.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a call's request may take to arrive: a unary or server-streaming call's one message, whole; each wait for
    /// the next part of a client stream. Past it the call ends DEADLINE_EXCEEDED.
    /// </summary>
    public TimeSpan RequestBodyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many streaming calls (server, client or bidirectional) a partner may have open at once.</summary>
    public int MaxStreamsPerPartner { get; set; } = 10;

    public FailedAuthenticationOptions FailedAuthentication { get; set; } = new();
}

public sealed class PartnerOptions
{
    public string Name { get; set; } = "";

    /// <summary>Lower- or upper-case hex SHA-256 of the API key's UTF-8 bytes (never the key itself).</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>"pkg.Service" (a whole service), "/pkg.Service/Method" (one method), "pkg.*" (a package) or "*".</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Whom the partner acts for; none of them listed: everyone.</summary>
    public ActsForOptions ActsFor { get; set; } = new();
}

/// <summary>
/// The local authorities (3-digit codes), alliances (ids, as in "alliances/ebor") and schools (URNs) a partner acts for,
/// at most 500 in all; the services show and change only their schools' data. A partner with none acts for everyone.
/// </summary>
public sealed class ActsForOptions
{
    public List<string> LocalAuthorities { get; set; } = [];
    public List<string> Alliances { get; set; } = [];
    public List<string> Schools { get; set; } = [];
}

/// <summary>A token bucket per partner: PermitsPerSecond calls a second on average, up to Burst at once.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; } = 50;
    public int Burst { get; set; } = 100;
}

/// <summary>After Limit calls without a valid key from one client address within Window, its calls are refused for a Window.</summary>
public sealed class FailedAuthenticationOptions
{
    public int Limit { get; set; } = 20;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>A TLS endpoint (HTTP/2 by ALPN) at Url, served when CertificatePath is set: a PFX (with Password) or a PEM (with KeyPath).</summary>
public sealed class TlsOptions
{
    public string Url { get; set; } = "https://localhost:7100";
    public string? CertificatePath { get; set; }
    public string? Password { get; set; }
    public string? KeyPath { get; set; }
}
