namespace Sia.ServiceDefaults;

/// <summary>The values of the four x-sia-partner headers the gateway adds to a call (see <see cref="PartnerHeaders"/>).</summary>
public sealed record SignedPartnerHeaders(string Partner, string ActsFor, string Time, string Signature)
{
    /// <summary>Each header's name and value.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers =>
    [
        new(PartnerHeaders.Partner, Partner),
        new(PartnerHeaders.ActsFor, ActsFor),
        new(PartnerHeaders.Time, Time),
        new(PartnerHeaders.Signature, Signature),
    ];
}
