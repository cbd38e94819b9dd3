using System.Diagnostics;

namespace Sia.Risk;

/// <summary>
/// The service's own spans, for work no request starts (a recompute, the demo's load): named as the service's assembly,
/// which ServiceDefaults traces, so each is one trace with its queries rather than a root trace per query.
/// </summary>
internal static class RiskTracing
{
    public static readonly ActivitySource Source = new("Sia.Risk");
}
