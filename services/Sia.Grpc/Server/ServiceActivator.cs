using Grpc.AspNetCore.Server;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grpc.Shared.Server;

/// <summary>
/// Gets a call's service instance: from DI when registered there (DI owns it), otherwise created for the
/// call and disposed when the call ends. A service that is not registered and takes no constructor
/// arguments is created without touching the request's DI scope, which saves a scope per call.
/// </summary>
internal sealed class ServiceActivator<TService>(IServiceProvider rootServices) where TService : class
{
    private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    private readonly bool _registered = rootServices.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) ?? true;
    private readonly bool _parameterless = typeof(TService).GetConstructor(Type.EmptyTypes) is not null;

    public ServiceLease Create(HttpContext httpContext)
    {
        if (!_registered && _parameterless) return new ServiceLease((TService)Factory(rootServices, null), Created: true);
        var services = httpContext.RequestServices;
        return _registered
            ? new ServiceLease(services.GetRequiredService<TService>(), Created: false)
            : new ServiceLease((TService)Factory(services, null), Created: true);
    }

    /// <summary>A call's service instance; disposing it disposes the instance if the call created it.</summary>
    public readonly record struct ServiceLease(TService Service, bool Created) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Created ? DisposeInstanceAsync(Service) : ValueTask.CompletedTask;
    }

    internal static ValueTask DisposeInstanceAsync(object instance)
    {
        switch (instance)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Creates a call's interceptors the same way as services: from DI, or from their registration.</summary>
internal static class InterceptorActivator
{
    public static (Interceptor Instance, bool Created) Create(IServiceProvider services, InterceptorRegistration registration) =>
        services.GetService(registration.Type) is Interceptor registered
            ? (registered, false)
            : ((Interceptor)ActivatorUtilities.CreateInstance(services, registration.Type, registration.Arguments), true);
}
