using Sia.ServiceDefaults;

namespace Sia.Gateway.Tests;

/// <summary>The signed partner headers the gateway adds and the services verify (Sia.ServiceDefaults.PartnerHeaders).</summary>
public sealed class PartnerHeadersTests
{
    private static readonly byte[] Key = PartnerHeaders.Key(TestPartners.SigningKey);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_signature_verifies_with_the_same_key_and_gives_the_partner()
    {
        var (time, signature) = PartnerHeaders.Sign("York LA", Now, Key);

        Assert.True(PartnerHeaders.TryVerify("York LA", time, signature, Key, Now.AddSeconds(3), PartnerHeaders.DefaultMaxSkew, out var partner));
        Assert.Equal("York LA", partner);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(), time);
        Assert.Matches("^[0-9a-f]{64}$", signature);
    }

    [Fact]
    public void Headers_verify_from_a_header_dictionary()
    {
        var (time, signature) = PartnerHeaders.Sign("York LA", Now, Key);
        var headers = new HeaderDictionary { [PartnerHeaders.Partner] = "York LA", [PartnerHeaders.Time] = time, [PartnerHeaders.Signature] = signature };

        Assert.True(PartnerHeaders.TryVerify(headers, Key, Now, PartnerHeaders.DefaultMaxSkew, out var partner));
        Assert.Equal("York LA", partner);
    }

    public static TheoryData<string, Func<string, string, (string?, string?, string?, byte[], DateTimeOffset)>> Tampered => new()
    {
        { "another partner's name", (time, signature) => ("Halton", time, signature, Key, Now) },
        { "another time", (time, signature) => ("York LA", (long.Parse(time) + 1).ToString(), signature, Key, Now) },
        { "another key", (time, signature) => ("York LA", time, signature, PartnerHeaders.Key(TestPartners.SigningKey + "x"), Now) },
        { "too old", (time, signature) => ("York LA", time, signature, Key, Now.AddMinutes(6)) },
        { "too far ahead", (time, signature) => ("York LA", time, signature, Key, Now.AddMinutes(-6)) },
        { "no name", (time, signature) => (null, time, signature, Key, Now) },
        { "no time", (time, signature) => ("York LA", null, signature, Key, Now) },
        { "no signature", (time, _) => ("York LA", time, null, Key, Now) },
        { "a signature that is not hex", (time, signature) => ("York LA", time, "zz" + signature[2..], Key, Now) },
        { "a short signature", (time, signature) => ("York LA", time, signature[..62], Key, Now) },
        { "a time that is not a number", (_, signature) => ("York LA", "-1", signature, Key, Now) },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void Headers_that_were_changed_or_are_stale_do_not_verify(string what, Func<string, string, (string?, string?, string?, byte[], DateTimeOffset)> change)
    {
        var (time, signature) = PartnerHeaders.Sign("York LA", Now, Key);
        var (partner, changedTime, changedSignature, key, now) = change(time, signature);

        Assert.False(PartnerHeaders.TryVerify(partner, changedTime, changedSignature, key, now, PartnerHeaders.DefaultMaxSkew, out var verified), what);
        Assert.Null(verified);
    }

    [Fact]
    public void A_header_sent_twice_does_not_verify()
    {
        var (time, signature) = PartnerHeaders.Sign("York LA", Now, Key);
        var headers = new HeaderDictionary
        {
            [PartnerHeaders.Partner] = new(["York LA", "Halton"]),
            [PartnerHeaders.Time] = time,
            [PartnerHeaders.Signature] = signature,
        };

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
        Assert.Throws<ArgumentException>(() => PartnerHeaders.Sign(name, Now, Key));
}
