using Grpc.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection
{
    public static class GrpcReflectionServiceExtensions
    {
        /// <summary>Adds server reflection (grpc.reflection.v1 and v1alpha) for every mapped service.</summary>
        public static IServiceCollection AddGrpcReflection(this IServiceCollection services)
        {
            services.TryAddSingleton<ReflectionIndex>();
            services.TryAddSingleton<ReflectionService>();
            services.TryAddSingleton<ReflectionAlphaService>();
            return services;
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    public static class GrpcReflectionEndpointRouteBuilderExtensions
    {
        /// <summary>Maps both reflection versions; map it after the services it should describe.</summary>
        public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder builder)
        {
            var v1 = builder.MapGrpcService<ReflectionService>();
            var v1Alpha = builder.MapGrpcService<ReflectionAlphaService>();
            return new GrpcServiceEndpointConventionBuilder([v1, v1Alpha]);
        }
    }
}
