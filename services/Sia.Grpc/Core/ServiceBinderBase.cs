namespace Grpc.Core;

/// <summary>
/// Receives a service's methods from the generated BindService(ServiceBinderBase, TServiceBase).
/// A null handler means "bind to the service type's method of the same name" (how servers activate a service per call).
/// </summary>
public class ServiceBinderBase
{
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotImplementedException();

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotImplementedException();

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotImplementedException();

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotImplementedException();
}

/// <summary>Names the static method that binds a generated service base class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BindServiceMethodAttribute(Type bindType, string bindMethodName) : Attribute
{
    public Type BindType { get; } = bindType;
    public string BindMethodName { get; } = bindMethodName;
}

/// <summary>A service's methods bound to one service instance (the Grpc.Core server style).</summary>
public sealed class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> _bindings;

    private ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> bindings) => _bindings = bindings;

    public static Builder CreateBuilder() => new();

    /// <summary>Replays every method into a binder.</summary>
    public void BindService(ServiceBinderBase binder)
    {
        foreach (var binding in _bindings) binding(binder);
    }

    public sealed class Builder
    {
        private readonly List<Action<ServiceBinderBase>> _bindings = [];

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => Add(binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => Add(binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => Add(binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => Add(binder => binder.AddMethod(method, handler));

        public ServerServiceDefinition Build() => new(_bindings.ToArray());

        private Builder Add(Action<ServiceBinderBase> binding)
        {
            _bindings.Add(binding);
            return this;
        }
    }
}
