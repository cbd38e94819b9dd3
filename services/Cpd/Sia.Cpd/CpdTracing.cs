using System.Diagnostics;

namespace Sia.Cpd;

/// <summary>
/// The service's own spans, for work no request starts (releasing lapsed holds): named as the service's assembly, which
/// ServiceDefaults traces, so each is one trace with its queries rather than a root trace per query.
/// </summary>
internal static class CpdTracing
{
    public static readonly ActivitySource Source = new("Sia.Cpd");
}
