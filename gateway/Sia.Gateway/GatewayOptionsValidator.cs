using Microsoft.Extensions.Options;
using Sia.ServiceDefaults;
using Sia.Gateway.Partners;

namespace Sia.Gateway;

/// <summary>Refuses to start with settings that would fail later or silently: bad hashes, scopes, names or keys.</summary>
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
            try
            {
                PartnerHeaders.Sign(partner.Name, DateTimeOffset.UnixEpoch, new byte[PartnerHeaders.MinKeyBytes]);
            }
            catch (ArgumentException)
            {
                errors.Add($"{where}: Name must be printable ASCII, without leading or trailing spaces.");
            }
            if (partner.KeyHash.Length != 64 || !partner.KeyHash.All(char.IsAsciiHexDigit))
                errors.Add($"{where}: KeyHash must be the 64 hex digits of the API key's SHA-256 (for example: printf %s \"$KEY\" | sha256sum).");
            if (partner.Scopes.Count == 0)
                errors.Add($"{where}: Scopes is empty, so the key could call nothing.");
            foreach (var scope in partner.Scopes.Where(s => !PartnerScope.TryParse(s, out _)))
                errors.Add($"{where}: scope '{scope}' is none of \"*\", \"pkg.*\", \"pkg.Service\" or \"/pkg.Service/Method\".");
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
}
