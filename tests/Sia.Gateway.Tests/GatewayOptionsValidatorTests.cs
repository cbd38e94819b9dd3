using Sia.Testing;

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

    [Fact]
    public void Acts_for_values_that_are_not_well_formed_or_too_many_are_refused_naming_the_partner_and_the_value()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Gateway:PartnerSigningKey"] = TestPartners.SigningKey,
            ["Gateway:Partners:0:Name"] = "York",
            ["Gateway:Partners:0:KeyHash"] = TestPartners.Hash("a"),
            ["Gateway:Partners:0:Scopes:0"] = "*",
            ["Gateway:Partners:0:ActsFor:LocalAuthorities:0"] = "816",
            ["Gateway:Partners:0:ActsFor:LocalAuthorities:1"] = "8160",
            ["Gateway:Partners:0:ActsFor:LocalAuthorities:2"] = "",
            ["Gateway:Partners:0:ActsFor:Alliances:0"] = "Ebor",
            ["Gateway:Partners:0:ActsFor:Alliances:1"] = "alliances/ebor",
            ["Gateway:Partners:0:ActsFor:Schools:0"] = "012345",
            ["Gateway:Partners:0:ActsFor:Schools:1"] = "schools/121615",
            ["Gateway:Partners:1:Name"] = "Every School",
            ["Gateway:Partners:1:KeyHash"] = TestPartners.Hash("b"),
            ["Gateway:Partners:1:Scopes:0"] = "*",
        }.Concat(Enumerable.Range(0, 501).Select(i => KeyValuePair.Create($"Gateway:Partners:1:ActsFor:Schools:{i}", (string?)(900000 + i).ToString()))));

        var failures = new GatewayOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(
        [
            "Gateway:Partners:0 ('York'): ActsFor:LocalAuthorities has '8160', which is not a local authority's code (three digits, e.g. '816').",
            "Gateway:Partners:0 ('York'): ActsFor:LocalAuthorities has '', which is not a local authority's code (three digits, e.g. '816').",
            "Gateway:Partners:0 ('York'): ActsFor:Alliances has 'Ebor', which is not an alliance's id (a lower-case letter, then up to 39 lower-case letters, digits or '-', e.g. 'ebor').",
            "Gateway:Partners:0 ('York'): ActsFor:Alliances has 'alliances/ebor', which is not an alliance's id (a lower-case letter, then up to 39 lower-case letters, digits or '-', e.g. 'ebor').",
            "Gateway:Partners:0 ('York'): ActsFor:Schools has '012345', which is not a school's URN (six digits, not starting with 0, e.g. '121615').",
            "Gateway:Partners:0 ('York'): ActsFor:Schools has 'schools/121615', which is not a school's URN (six digits, not starting with 0, e.g. '121615').",
            "Gateway:Partners:1 ('Every School'): ActsFor: 501 local authorities, alliances and schools are more than the 500 a partner may act for.",
        ], failures);
    }

    [Fact]
    public void The_demo_partners_are_valid_and_the_York_LA_Officer_and_Middlesbrough_Scrutiny_act_for_their_LA_only()
    {
        var options = Bind(new ConfigurationBuilder()
            .AddJsonFile(RepoPaths.Combine("gateway", "Sia.Gateway", "appsettings.Development.json"))
            .Build().AsEnumerable().ToDictionary());

        Assert.True(new GatewayOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(["Demo Partner", "Demo Schools Reader", "York LA Officer", "Middlesbrough Scrutiny", "Pathfinder TSA", "Minster View Primary", "York LA Finance"], options.Partners.Select(p => p.Name));
        Assert.Equal(["816"], options.Partners[2].ActsFor.LocalAuthorities);
        Assert.Equal(TestPartners.Hash("sia-demo-york-key"), options.Partners[2].KeyHash);
        Assert.Equal(["806"], options.Partners[3].ActsFor.LocalAuthorities);
        Assert.Equal(TestPartners.Hash("sia-demo-middlesbrough-key"), options.Partners[3].KeyHash);
        Assert.Equal(["pathfinder"], options.Partners[4].ActsFor.Alliances);
        Assert.Equal(TestPartners.Hash("sia-demo-pathfinder-key"), options.Partners[4].KeyHash);
        Assert.Equal(["990001"], options.Partners[5].ActsFor.Schools);
        Assert.Equal(TestPartners.Hash("sia-demo-minster-view-key"), options.Partners[5].KeyHash);
        Assert.Equal(["816"], options.Partners[6].ActsFor.LocalAuthorities);
        Assert.Equal(TestPartners.Hash("sia-demo-york-finance-key"), options.Partners[6].KeyHash);
        Assert.All(options.Partners.Take(2), p => Assert.Empty(p.ActsFor.LocalAuthorities.Concat(p.ActsFor.Alliances).Concat(p.ActsFor.Schools)));
    }

    [Fact]
    public async Task A_misspelt_setting_stops_the_gateway_from_starting_as_it_would_otherwise_be_ignored()
    {
        // ActsFor:LocalAuthority (for LocalAuthorities) ignored would leave the York Officer acting for everyone.
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => GatewayHost.StartAsync(new Uri("http://127.0.0.1:9"),
            new Dictionary<string, string?> { ["Gateway:Partners:3:ActsFor:LocalAuthority:0"] = "801" }));

        // The binder's own words, in the exception the start fails with: which property of which settings class was not found.
        Assert.Contains($"were not found on the instance of {typeof(ActsForOptions).FullName}: 'LocalAuthority'", error.ToString());
    }

    private static GatewayOptions Bind(IEnumerable<KeyValuePair<string, string?>> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(GatewayOptions.Section).Get<GatewayOptions>(GatewayOptions.Strictly)!;
}
