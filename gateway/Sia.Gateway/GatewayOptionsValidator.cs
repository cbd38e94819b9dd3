using Microsoft.Extensions.Options;
using Sia.ServiceDefaults;
using Sia.Gateway.Partners;

namespace Sia.Gateway;

/// <summary>Refuses to start with settings that would fail later or silently: bad hashes, scopes, names, keys or acts-for codes.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>();
        try
        {
            PartnerHeaders.Key(options.PartnerSigningKey);
        }
        catch (InvalidOperationException e)
        {
            errors.Add(e.Message);
        }
        for (var i = 0; i < options.Partners.Count; i++)
        {
            var partner = options.Partners[i];
            var where = $"Gateway:Partners:{i} ('{partner.Name}')";
            if (!PartnerHeaders.IsValidName(partner.Name))
                errors.Add($"{where}: Name must be printable ASCII, without leading or trailing spaces.");
            if (partner.KeyHash.Length != 64 || !partner.KeyHash.All(char.IsAsciiHexDigit))
                errors.Add($"{where}: KeyHash must be the 64 hex digits of the API key's SHA-256 (for example: printf %s \"$KEY\" | sha256sum).");
            if (partner.Scopes.Count == 0)
                errors.Add($"{where}: Scopes is empty, so the key could call nothing.");
            foreach (var scope in partner.Scopes.Where(s => !PartnerScope.TryParse(s, out _)))
                errors.Add($"{where}: scope '{scope}' is none of \"*\", \"pkg.*\", \"pkg.Service\" or \"/pkg.Service/Method\".");
            ValidateActsFor(partner.ActsFor, where, errors);
        }
        foreach (var duplicate in options.Partners.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add($"Gateway:Partners: the name '{duplicate}' is used more than once.");
        if (options.Partners.GroupBy(p => p.KeyHash.ToLowerInvariant()).Any(g => g.Count() > 1))
            errors.Add("Gateway:Partners: two partners have the same KeyHash; each needs its own key.");
        if (options.RateLimit.PermitsPerSecond < 1 || options.RateLimit.Burst < 1)
            errors.Add("Gateway:RateLimit: PermitsPerSecond and Burst must be at least 1.");
        if (options.ConnectTimeout <= TimeSpan.Zero)
            errors.Add("Gateway:ConnectTimeout must be positive.");
        if (options.RequestBodyTimeout <= TimeSpan.Zero)
            errors.Add("Gateway:RequestBodyTimeout must be positive.");
        if (options.MaxStreamsPerPartner < 1)
            errors.Add("Gateway:MaxStreamsPerPartner must be at least 1.");
        if (options.FailedAuthentication.Limit < 1 || options.FailedAuthentication.Window <= TimeSpan.Zero)
            errors.Add("Gateway:FailedAuthentication: Limit must be at least 1 and Window positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateActsFor(ActsForOptions actsFor, string where, List<string> errors)
    {
        var before = errors.Count;
        foreach (var code in actsFor.LocalAuthorities.Where(c => !PartnerActsFor.IsLocalAuthorityCode(c)))
            errors.Add($"{where}: ActsFor:LocalAuthorities has '{code}', which is not a local authority's code ({PartnerActsFor.LocalAuthorityCodeFormat}).");
        foreach (var id in actsFor.Alliances.Where(a => !PartnerActsFor.IsAllianceId(a)))
            errors.Add($"{where}: ActsFor:Alliances has '{id}', which is not an alliance's id ({PartnerActsFor.AllianceIdFormat}).");
        foreach (var urn in actsFor.Schools.Where(u => !PartnerActsFor.IsSchoolUrn(u)))
            errors.Add($"{where}: ActsFor:Schools has '{urn}', which is not a school's URN ({PartnerActsFor.SchoolUrnFormat}).");
        if (errors.Count > before) return;
        try
        {
            PartnerActsFor.Of(actsFor.LocalAuthorities, actsFor.Alliances, actsFor.Schools);
        }
        catch (ArgumentException e)
        {
            errors.Add($"{where}: ActsFor: {e.Message}");
        }
    }
}
