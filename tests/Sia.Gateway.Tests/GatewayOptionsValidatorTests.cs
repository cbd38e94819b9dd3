namespace Sia.Gateway.Tests;

/// <summary>The gateway refuses to start with settings that would fail later or silently.</summary>
public sealed class GatewayOptionsValidatorTests
{
    [Fact]
    public void The_test_settings_are_valid()
    {
        var options = Bind(TestPartners.Settings);

        Assert.True(new GatewayOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Every_mistake_is_reported_with_the_setting_to_fix()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Gateway:PartnerSigningKey"] = "short",
            ["Gateway:Partners:0:Name"] = "York",
            ["Gateway:Partners:0:KeyHash"] = "not-a-hash",
            ["Gateway:Partners:0:Scopes:0"] = "sia.registry.v1.SchoolService/GetSchool",
            ["Gateway:Partners:1:Name"] = "York",
            ["Gateway:Partners:1:KeyHash"] = TestPartners.Hash("a"),
            ["Gateway:Partners:2:Name"] = "Halton\n",
            ["Gateway:Partners:2:KeyHash"] = TestPartners.Hash("a"),
            ["Gateway:Partners:2:Scopes:0"] = "*",
            ["Gateway:RateLimit:PermitsPerSecond"] = "0",
            ["Gateway:RequestBodyTimeout"] = "00:00:00",
            ["Gateway:MaxStreamsPerPartner"] = "0",
            ["Gateway:FailedAuthentication:Window"] = "-00:00:01",
        });

        var failures = new GatewayOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Gateway:PartnerSigningKey must be a secret of at least 32 bytes"));
        Assert.Contains("Gateway:Partners:0 ('York'): KeyHash must be the 64 hex digits of the API key's SHA-256 (for example: printf %s \"$KEY\" | sha256sum).", failures);
        Assert.Contains("Gateway:Partners:0 ('York'): scope 'sia.registry.v1.SchoolService/GetSchool' is none of \"*\", \"pkg.*\", \"pkg.Service\" or \"/pkg.Service/Method\".", failures);
        Assert.Contains("Gateway:Partners:1 ('York'): Scopes is empty, so the key could call nothing.", failures);
        Assert.Contains("Gateway:Partners:2 ('Halton\n'): Name must be printable ASCII, without leading or trailing spaces.", failures);
        Assert.Contains("Gateway:Partners: the name 'York' is used more than once.", failures);
        Assert.Contains("Gateway:Partners: two partners have the same KeyHash; each needs its own key.", failures);
        Assert.Contains("Gateway:RateLimit: PermitsPerSecond and Burst must be at least 1.", failures);
        Assert.Contains("Gateway:RequestBodyTimeout must be positive.", failures);
        Assert.Contains("Gateway:MaxStreamsPerPartner must be at least 1.", failures);
        Assert.Contains("Gateway:FailedAuthentication: Limit must be at least 1 and Window positive.", failures);
        Assert.Equal(11, failures.Count);
    }

    private static GatewayOptions Bind(IReadOnlyDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(GatewayOptions.Section).Get<GatewayOptions>()!;
}
