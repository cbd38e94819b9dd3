using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Sia.ServiceDefaults;

/// <summary>
/// How the gateway tells a service which partner is calling and whom it acts for: <see cref="Partner"/> (the partner's
/// name), <see cref="ActsFor"/> (<see cref="PartnerActsFor.HeaderValue"/>), <see cref="Time"/> (unix seconds) and
/// <see cref="Signature"/> (hex HMAC-SHA256 of "name\nacts-for\ntime" under the key that the gateway and the services
/// share, configuration <see cref="SigningKeyConfigKey"/>). The gateway drops every x-sia-partner* header a caller sends
/// before adding these, so a service trusts them only when they verify.
/// </summary>
public static class PartnerHeaders
{
    public const string Prefix = "x-sia-partner";
    public const string Partner = "x-sia-partner";
    public const string ActsFor = "x-sia-partner-acts-for";
    public const string Time = "x-sia-partner-time";
    public const string Signature = "x-sia-partner-signature";
    public const string SigningKeyConfigKey = "Gateway:PartnerSigningKey";
    public const int MinKeyBytes = 32;

    /// <summary>How far a signature's time may be from the verifier's clock: clock drift plus the call's time in flight.</summary>
    public static readonly TimeSpan DefaultMaxSkew = TimeSpan.FromMinutes(5);

    /// <summary>The signing key from its configured text (its UTF-8 bytes, at least <see cref="MinKeyBytes"/>).</summary>
    public static byte[] Key(string? configured)
    {
        var key = Encoding.UTF8.GetBytes(configured ?? "");
        if (key.Length < MinKeyBytes)
            throw new InvalidOperationException(
                $"{SigningKeyConfigKey} must be a secret of at least {MinKeyBytes} bytes, the same for the gateway and every service " +
                $"(environment: {SigningKeyConfigKey.Replace(":", "__", StringComparison.Ordinal)}); it is {(key.Length == 0 ? "missing" : $"{key.Length} bytes")}.");
        return key;
    }

    /// <summary>The headers that name <paramref name="partner"/> and whom it acts for, signed at <paramref name="now"/>.</summary>
    public static SignedPartnerHeaders Sign(CallingPartner partner, DateTimeOffset now, ReadOnlySpan<byte> key)
    {
        if (!IsValidName(partner.Name))
            throw new ArgumentException($"A partner name must be printable ASCII without leading or trailing spaces: '{partner.Name}'.", nameof(partner));
        var actsFor = partner.ActsFor.HeaderValue;
        var time = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new(partner.Name, actsFor, time, Convert.ToHexStringLower(Mac(partner.Name, actsFor, time, key)));
    }

    /// <summary>True, with the partner, when the four headers are present once each, signed with the key, and recent.</summary>
    public static bool TryVerify(IHeaderDictionary headers, ReadOnlySpan<byte> key, DateTimeOffset now, TimeSpan maxSkew,
        [NotNullWhen(true)] out CallingPartner? partner) =>
        TryVerify(Single(headers[Partner]), Single(headers[ActsFor]), Single(headers[Time]), Single(headers[Signature]), key, now, maxSkew, out partner);

    /// <summary>
    /// True, with the partner, when the values were signed with the key within <paramref name="maxSkew"/> of now (the
    /// signature covers the name, whom it acts for and the time: a change to any of them fails).
    /// </summary>
    public static bool TryVerify(string? partnerValue, string? actsForValue, string? timeValue, string? signatureValue, ReadOnlySpan<byte> key,
        DateTimeOffset now, TimeSpan maxSkew, [NotNullWhen(true)] out CallingPartner? partner)
    {
        partner = null;
        if (partnerValue is null || !IsValidName(partnerValue) || actsForValue is null || timeValue is null || signatureValue is not { Length: 64 }) return false;
        if (!long.TryParse(timeValue, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > maxSkew.TotalSeconds) return false;
        Span<byte> signature = stackalloc byte[32];
        if (Convert.FromHexString(signatureValue, signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32) return false;
        if (!CryptographicOperations.FixedTimeEquals(signature, Mac(partnerValue, actsForValue, timeValue, key))) return false;
        if (!PartnerActsFor.TryParse(actsForValue, out var actsFor)) return false;
        partner = new CallingPartner(partnerValue, actsFor);
        return true;
    }

    /// <summary>A name the headers can carry: printable ASCII, not empty, without leading or trailing spaces.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && name[0] != ' ' && name[^1] != ' ' && name.All(c => c is >= ' ' and <= '~');

    // No part contains a line feed (names and acts-for values are printable ASCII, times digits), so each message has one reading.
    private static byte[] Mac(string partner, string actsFor, string time, ReadOnlySpan<byte> key) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{partner}\n{actsFor}\n{time}"));

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;
}
