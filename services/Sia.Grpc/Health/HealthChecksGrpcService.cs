using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Grpc.AspNetCore.HealthChecks;

/// <summary>grpc.health.v1.Health answered from the app's ASP.NET Core health checks.</summary>
internal sealed class HealthChecksGrpcService(HealthCheckService healthChecks, IOptions<GrpcHealthChecksOptions> options) : Grpc.Health.V1.Health.HealthBase
{
    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var status = await EvaluateAsync(request.Service, context.CancellationToken);
        if (status == ServingStatus.ServiceUnknown)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Service '{request.Service}' is unknown to the health service."));
        }
        return new HealthCheckResponse { Status = status };
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var token = context.CancellationToken;
        ServingStatus? last = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var status = await EvaluateAsync(request.Service, token);
                if (status != last)
                {
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = status });
                    last = status;
                }
                await Task.Delay(options.Value.WatchInterval, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The watcher went away; Watch ends with it.
        }
    }

    private async Task<ServingStatus> EvaluateAsync(string service, CancellationToken cancellationToken)
    {
        if (!options.Value.Services.TryGetValue(service, out var predicate)) return ServingStatus.ServiceUnknown;
        var report = await healthChecks.CheckHealthAsync(predicate, cancellationToken);
        return report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
    }
}
