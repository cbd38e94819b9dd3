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

    public static readonly Dictionary<string, string?> Settings = new()
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
    };

    public static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
