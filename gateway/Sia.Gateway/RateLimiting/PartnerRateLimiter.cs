using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Sia.Gateway.Grpc;

namespace Sia.Gateway.RateLimiting;

/// <summary>
/// A token bucket per partner (the request's user, set by the partner authentication that runs first): PermitsPerSecond
/// calls a second, bursts of up to Burst. An exhausted bucket answers RESOURCE_EXHAUSTED at once, saying when to retry,
/// also as grpc-retry-pushback-ms, which gRPC clients with a retry policy honour.
/// </summary>
public static class PartnerRateLimiter
{
    public static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(context.User.Identity?.Name ?? "", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Burst,
                TokensPerPeriod = limits.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        options.OnRejected = (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            var milliseconds = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
            var context = rejected.HttpContext;
            context.Response.Headers["grpc-retry-pushback-ms"] = milliseconds.ToString(CultureInfo.InvariantCulture);
            return new ValueTask(TrailersOnly.WriteAsync(context, StatusCode.ResourceExhausted,
                $"Partner '{context.User.Identity?.Name}' is over its rate limit of {limits.PermitsPerSecond} calls a second " +
                $"(bursts of {limits.Burst}); retry after {milliseconds} ms."));
        };
    }
}
