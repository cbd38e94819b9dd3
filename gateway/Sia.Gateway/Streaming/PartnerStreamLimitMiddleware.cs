using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Sia.Gateway.Grpc;

namespace Sia.Gateway.Streaming;

/// <summary>
/// At most Gateway:MaxStreamsPerPartner streaming calls open per partner, counting server streams (WatchChanges) and client
/// streams (ImportGiasExtract) alike: either holds a stream of the gateway's connection to the service, and a database
/// connection or transaction there, for as long as it lasts, out of reach of the rate limit, which counts only how often
/// calls start. One more is RESOURCE_EXHAUSTED, naming the cap. A call's place is given back however it ends (it ended,
/// the partner cancelled or hung up, its deadline passed, the service failed), when its forwarding returns.
/// A singleton (IMiddleware): one count for the gateway.
/// </summary>
public sealed partial class PartnerStreamLimitMiddleware(IOptions<GatewayOptions> options, ILogger<PartnerStreamLimitMiddleware> logger)
    : IMiddleware, IDisposable
{
    private readonly int _max = options.Value.MaxStreamsPerPartner;

    private readonly PartitionedRateLimiter<string> _streams = PartitionedRateLimiter.Create<string, string>(partner =>
        RateLimitPartition.GetConcurrencyLimiter(partner, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxStreamsPerPartner,
            QueueLimit = 0,
        }));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!GrpcMethods.IsStreaming(context.Request.Path))
        {
            await next(context);
            return;
        }
        var partner = context.User.Identity?.Name ?? "";
        using var lease = _streams.AttemptAcquire(partner);
        if (!lease.IsAcquired)
        {
            LogRefused(logger, context.Request.Path.Value ?? "", partner, _max);
            await TrailersOnly.WriteAsync(context, StatusCode.ResourceExhausted,
                $"Partner '{partner}' already has {_max} streaming calls open, the most the SIA gateway allows a partner at once: " +
                "end one (or let it finish) before opening another.");
            return;
        }
        await next(context);
    }

    public void Dispose() => _streams.Dispose();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Refused a call to {Method} from {Partner} with RESOURCE_EXHAUSTED: {Max} streaming calls open")]
    private static partial void LogRefused(ILogger logger, string method, string partner, int max);
}
