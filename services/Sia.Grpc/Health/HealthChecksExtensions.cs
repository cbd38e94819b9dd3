using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.DependencyInjection
{
    public static class GrpcHealthChecksServiceExtensions
    {
        /// <summary>Adds ASP.NET Core health checks and the grpc.health.v1 service over them.</summary>
        public static IHealthChecksBuilder AddGrpcHealthChecks(this IServiceCollection services, Action<GrpcHealthChecksOptions>? configure = null)
        {
            if (configure is not null) services.Configure(configure);
            return services.AddHealthChecks();
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    public static class GrpcHealthChecksEndpointRouteBuilderExtensions
    {
        public static GrpcServiceEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder builder) =>
            builder.MapGrpcService<HealthChecksGrpcService>();
    }
}
