using System.Text;
using Grpc.Core;
using Sia.ServiceDefaults;

namespace Sia.Cpd.Tests;

/// <summary>Partner headers as the gateway signs them, with the tests' key (<see cref="CpdStack.SigningKey"/>).</summary>
internal static class Partners
{
    public static Metadata ActingForAlliances(string name, params string[] alliances) => Signed(new CallingPartner(name, PartnerActsFor.Of([], alliances, [])));

    public static Metadata ActingForLocalAuthorities(string name, params string[] localAuthorities) => Signed(new CallingPartner(name, PartnerActsFor.Of(localAuthorities, [], [])));

    public static Metadata ActingForSchools(string name, params string[] urns) => Signed(new CallingPartner(name, PartnerActsFor.Of([], [], urns)));

    private static Metadata Signed(CallingPartner partner)
    {
        var headers = new Metadata();
        foreach (var (header, value) in PartnerHeaders.Sign(partner, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(CpdStack.SigningKey)).Headers) headers.Add(header, value);
        return headers;
    }
}
