using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

namespace Sia.Gateway.Tests;

/// <summary>The partners every test gateway knows, with their keys (the gateway is given only the keys' hashes).</summary>
public static class TestPartners
{
    public const string SigningKey = "gateway-tests-partner-signing-key-0123456789";

    public const string Full = "Full Partner";
    public const string FullKey = "full-partner-key-7f3a";
    public const string Reader = "Schools Reader";
    public const string ReaderKey = "reader-key-19c2";
    public const string Watcher = "Change Watcher";
    public const string WatcherKey = "watcher-key-5d81";
    /// <summary>Acts for two LAs, an alliance and a school, listed out of order: <see cref="YorkActsFor"/> is their canonical header.</summary>
    public const string York = "York Officer";
    public const string YorkKey = "york-officer-key-3b6e";
    public const string YorkActsFor = "la:816,la:817,alliance:ebor,school:990102";
    /// <summary>May call the registry's methods without side effects only.</summary>
    public const string ReadOnly = "Registry Reader";
    public const string ReadOnlyKey = "registry-reader-key-62f0";
    /// <summary>Acts for as many alliances with 40-character ids, and schools, as fit in the acts-for header's 8,192 characters.</summary>
    public const string Widest = "Widest Partner";
    public const string WidestKey = "widest-partner-key-0a94";

    /// <summary>160 alliances of 40 characters and 13 schools: "alliance:...,...,school:990113", 8,181 characters.</summary>
    public static readonly IReadOnlyList<string> WidestAlliances = [.. Enumerable.Range(0, 160).Select(i => $"alliance-{i:D3}-{new string('x', 27)}")];
    public static readonly IReadOnlyList<string> WidestSchools = [.. Enumerable.Range(990101, 13).Select(urn => urn.ToString())];

    public static readonly Dictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Gateway:PartnerSigningKey"] = SigningKey,
        ["Gateway:Partners:0:Name"] = Full,
        ["Gateway:Partners:0:KeyHash"] = Hash(FullKey),
        ["Gateway:Partners:0:Scopes:0"] = "sia.registry.v1.*",
        ["Gateway:Partners:1:Name"] = Reader,
        ["Gateway:Partners:1:KeyHash"] = Hash(ReaderKey).ToUpperInvariant(),
        ["Gateway:Partners:1:Scopes:0"] = "/sia.registry.v1.SchoolService/GetSchool",
        ["Gateway:Partners:2:Name"] = Watcher,
        ["Gateway:Partners:2:KeyHash"] = Hash(WatcherKey),
        ["Gateway:Partners:2:Scopes:0"] = "sia.registry.v1.RegistryChangeService",
        ["Gateway:Partners:3:Name"] = York,
        ["Gateway:Partners:3:KeyHash"] = Hash(YorkKey),
        ["Gateway:Partners:3:Scopes:0"] = "sia.registry.v1.SchoolService",
        ["Gateway:Partners:3:ActsFor:LocalAuthorities:0"] = "817",
        ["Gateway:Partners:3:ActsFor:LocalAuthorities:1"] = "816",
        ["Gateway:Partners:3:ActsFor:LocalAuthorities:2"] = "817",
        ["Gateway:Partners:3:ActsFor:Schools:0"] = "990102",
        ["Gateway:Partners:3:ActsFor:Alliances:0"] = "ebor",
        ["Gateway:Partners:4:Name"] = Widest,
        ["Gateway:Partners:4:KeyHash"] = Hash(WidestKey),
        ["Gateway:Partners:4:Scopes:0"] = "sia.registry.v1.SchoolService",
        ["Gateway:Partners:5:Name"] = ReadOnly,
        ["Gateway:Partners:5:KeyHash"] = Hash(ReadOnlyKey),
        ["Gateway:Partners:5:Scopes:0"] = "sia.registry.v1.*:read",
    }
        .Concat(WidestAlliances.Select((id, i) => KeyValuePair.Create($"Gateway:Partners:4:ActsFor:Alliances:{i}", (string?)id)))
        .Concat(WidestSchools.Select((urn, i) => KeyValuePair.Create($"Gateway:Partners:4:ActsFor:Schools:{i}", (string?)urn)))
        .ToDictionary();

    public static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
