using Microsoft.Extensions.Options;
using Sia.Gateway.Partners;
using Sia.ServiceDefaults;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Sia.Gateway.Proxy;

/// <summary>
/// On every route: drops the caller's x-sia-partner* headers (only the gateway may set them) and its authorization
/// (services never see partners' keys), then adds the authenticated partner and whom it acts for, signed (see <see cref="PartnerHeaders"/>).
/// </summary>
public sealed class PartnerHeadersTransform(IOptions<GatewayOptions> options, TimeProvider time) : ITransformProvider
{
    private readonly byte[] _key = PartnerHeaders.Key(options.Value.PartnerSigningKey);

    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        var incoming = transform.HttpContext.Request.Headers.Keys
            .Where(name => name.StartsWith(PartnerHeaders.Prefix, StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var name in incoming) RequestTransform.RemoveHeader(transform, name);
        RequestTransform.RemoveHeader(transform, "authorization");

        if (transform.HttpContext.Features.Get<Partner>() is { } partner)
        {
            var signed = PartnerHeaders.Sign(new CallingPartner(partner.Name, partner.ActsFor), time.GetUtcNow(), _key);
            foreach (var (name, value) in signed.Headers) RequestTransform.AddHeader(transform, name, value);
        }
        return ValueTask.CompletedTask;
    });
}
