using Grpc.AspNetCore.Server;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace Grpc.Shared.Server;

/// <summary>
/// Gets a call's service instance: from DI when registered there (DI owns it), otherwise created for the
/// call from its constructor's DI dependencies and disposed when the call ends.
/// </summary>
internal static class ServiceActivator<TService> where TService : class
{
    private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    public static (TService Instance, bool Created) Create(IServiceProvider services) =>
        services.GetService<TService>() is { } registered ? (registered, false) : ((TService)Factory(services, null), true);

    public static ValueTask ReleaseAsync(TService instance, bool created) => created ? DisposeAsync(instance) : ValueTask.CompletedTask;

    internal static ValueTask DisposeAsync(object instance)
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
