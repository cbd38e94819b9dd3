using System.Text;
using Grpc.Core;
using Sia.ServiceDefaults;

namespace Sia.Funding.Tests;

/// <summary>Partner headers as the gateway signs them, with the tests' key (<see cref="FundingStack.SigningKey"/>).</summary>
internal static class Partners
{
    public static Metadata ActingForLocalAuthorities(string name, params string[] localAuthorities) => Signed(new CallingPartner(name, PartnerActsFor.Of(localAuthorities, [], [])));

    public static Metadata ActingForAlliances(string name, params string[] alliances) => Signed(new CallingPartner(name, PartnerActsFor.Of([], alliances, [])));

    private static Metadata Signed(CallingPartner partner)
    {
        var headers = new Metadata();
        foreach (var (header, value) in PartnerHeaders.Sign(partner, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(FundingStack.SigningKey)).Headers) headers.Add(header, value);
        return headers;
    }
}
