using System.Text;
using Grpc.Core;
using Sia.ServiceDefaults;

namespace Sia.Cpd.Tests;

/// <summary>
/// Partner headers as the gateway signs them, with the tests' key (<see cref="CpdStack.SigningKey"/>), now or at the
/// service's clock's now once tests have moved it on (the service refuses headers signed too long ago).
/// </summary>
internal static class Partners
{
    public static Metadata ActingForAlliances(string name, params string[] alliances) => ActingForAlliances(TimeProvider.System, name, alliances);

    public static Metadata ActingForAlliances(TimeProvider clock, string name, params string[] alliances) =>
        Signed(clock, new CallingPartner(name, PartnerActsFor.Of([], alliances, [])));

    public static Metadata ActingForLocalAuthorities(string name, params string[] localAuthorities) => ActingForLocalAuthorities(TimeProvider.System, name, localAuthorities);

    public static Metadata ActingForLocalAuthorities(TimeProvider clock, string name, params string[] localAuthorities) =>
        Signed(clock, new CallingPartner(name, PartnerActsFor.Of(localAuthorities, [], [])));

    public static Metadata ActingForSchools(string name, params string[] urns) => ActingForSchools(TimeProvider.System, name, urns);

    public static Metadata ActingForSchools(TimeProvider clock, string name, params string[] urns) => Signed(clock, new CallingPartner(name, PartnerActsFor.Of([], [], urns)));

    private static Metadata Signed(TimeProvider clock, CallingPartner partner)
    {
        var headers = new Metadata();
        foreach (var (header, value) in PartnerHeaders.Sign(partner, clock.GetUtcNow(), Encoding.UTF8.GetBytes(CpdStack.SigningKey)).Headers) headers.Add(header, value);
        return headers;
    }
}
