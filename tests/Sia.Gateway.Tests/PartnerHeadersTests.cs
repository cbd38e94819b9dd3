using System.Security.Cryptography;
using System.Text;
using Sia.ServiceDefaults;

namespace Sia.Gateway.Tests;

/// <summary>The signed partner headers the gateway adds and the services verify (Sia.ServiceDefaults.PartnerHeaders).</summary>
public sealed class PartnerHeadersTests
{
    private static readonly byte[] Key = PartnerHeaders.Key(TestPartners.SigningKey);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly CallingPartner York = new("York LA", PartnerActsFor.Of(["816"], ["ebor"], []));

    [Fact]
    public void A_signature_verifies_with_the_same_key_and_gives_the_partner_and_whom_it_acts_for()
    {
        var signed = PartnerHeaders.Sign(York, Now, Key);

        Assert.True(PartnerHeaders.TryVerify(signed.Partner, signed.ActsFor, signed.Time, signed.Signature, Key, Now.AddSeconds(3),
            PartnerHeaders.DefaultMaxSkew, out var partner));
        Assert.Equal(York, partner);
        Assert.Equal("York LA", signed.Partner);
        Assert.Equal("la:816,alliance:ebor", signed.ActsFor);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(), signed.Time);
        Assert.Matches("^[0-9a-f]{64}$", signed.Signature);
    }

    [Fact]
    public void Headers_verify_from_a_header_dictionary()
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in PartnerHeaders.Sign(York, Now, Key).Headers) headers[name] = value;

        Assert.Equal(["x-sia-partner", "x-sia-partner-acts-for", "x-sia-partner-signature", "x-sia-partner-time"], headers.Keys.Order());
        Assert.True(PartnerHeaders.TryVerify(headers, Key, Now, PartnerHeaders.DefaultMaxSkew, out var partner));
        Assert.Equal(York, partner);
    }

    public static TheoryData<string, Func<SignedPartnerHeaders, (string?, string?, string?, string?, byte[], DateTimeOffset)>> Tampered => new()
    {
        { "another partner's name", s => ("Halton", s.ActsFor, s.Time, s.Signature, Key, Now) },
        { "another acts-for set", s => (s.Partner, "la:816,la:817,alliance:ebor", s.Time, s.Signature, Key, Now) },
        { "everyone for the acts-for set", s => (s.Partner, "*", s.Time, s.Signature, Key, Now) },
        { "an empty acts-for", s => (s.Partner, "", s.Time, s.Signature, Key, Now) },
        { "another time", s => (s.Partner, s.ActsFor, (long.Parse(s.Time) + 1).ToString(), s.Signature, Key, Now) },
        { "another key", s => (s.Partner, s.ActsFor, s.Time, s.Signature, PartnerHeaders.Key(TestPartners.SigningKey + "x"), Now) },
        { "too old", s => (s.Partner, s.ActsFor, s.Time, s.Signature, Key, Now.AddMinutes(6)) },
        { "too far ahead", s => (s.Partner, s.ActsFor, s.Time, s.Signature, Key, Now.AddMinutes(-6)) },
        { "no name", s => (null, s.ActsFor, s.Time, s.Signature, Key, Now) },
        { "no acts-for", s => (s.Partner, null, s.Time, s.Signature, Key, Now) },
        { "no time", s => (s.Partner, s.ActsFor, null, s.Signature, Key, Now) },
        { "no signature", s => (s.Partner, s.ActsFor, s.Time, null, Key, Now) },
        { "a signature that is not hex", s => (s.Partner, s.ActsFor, s.Time, "zz" + s.Signature[2..], Key, Now) },
        { "a short signature", s => (s.Partner, s.ActsFor, s.Time, s.Signature[..62], Key, Now) },
        { "a time that is not a number", s => (s.Partner, s.ActsFor, "-1", s.Signature, Key, Now) },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Headers_that_were_changed_or_are_stale_do_not_verify(string what,
        Func<SignedPartnerHeaders, (string?, string?, string?, string?, byte[], DateTimeOffset)> change)
    {
        var (partner, actsFor, time, signature, key, now) = change(PartnerHeaders.Sign(York, Now, Key));

        Assert.False(PartnerHeaders.TryVerify(partner, actsFor, time, signature, key, now, PartnerHeaders.DefaultMaxSkew, out var verified), what);
        Assert.Null(verified);
    }

    [Fact]
    public void An_acts_for_value_signed_with_the_key_but_not_in_canonical_form_does_not_verify()
    {
        const string unsorted = "la:817,la:816";
        var time = Now.ToUnixTimeSeconds().ToString();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes($"York LA\n{unsorted}\n{time}")));
        var sorted = PartnerHeaders.Sign(York with { ActsFor = PartnerActsFor.Of(["817", "816"], [], []) }, Now, Key);

        Assert.Equal("la:816,la:817", sorted.ActsFor);
        Assert.True(PartnerHeaders.TryVerify(sorted.Partner, sorted.ActsFor, sorted.Time, sorted.Signature, Key, Now, PartnerHeaders.DefaultMaxSkew, out _));
        Assert.False(PartnerHeaders.TryVerify("York LA", unsorted, time, signature, Key, Now, PartnerHeaders.DefaultMaxSkew, out _));
    }

    [Theory]
    [InlineData(PartnerHeaders.Partner)]
    [InlineData(PartnerHeaders.ActsFor)]
    public void A_header_sent_twice_does_not_verify(string header)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in PartnerHeaders.Sign(York, Now, Key).Headers) headers[name] = value;
        headers[header] = new([headers[header].ToString(), header == PartnerHeaders.Partner ? "Halton" : "*"]);

        Assert.False(PartnerHeaders.TryVerify(headers, Key, Now, PartnerHeaders.DefaultMaxSkew, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("only-31-bytes-long-0123456789ab")]
    public void A_signing_key_shorter_than_32_bytes_is_refused_with_the_setting_to_fix(string? configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PartnerHeaders.Key(configured));

        Assert.Contains("Gateway:PartnerSigningKey must be a secret of at least 32 bytes", error.Message);
    }

    [Theory]
    [InlineData("Line\nbreak")]
    [InlineData(" padded")]
    [InlineData("Zoë's Trust")]
    [InlineData("")]
    public void A_name_that_cannot_be_a_header_value_is_not_signed(string name) =>
        Assert.Throws<ArgumentException>(() => PartnerHeaders.Sign(new CallingPartner(name, PartnerActsFor.Everyone), Now, Key));
}
