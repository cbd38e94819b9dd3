using Grpc.Core;

namespace Grpc.Shared.Server;

/// <summary>The services and methods an app has mapped: for UNIMPLEMENTED answers and for reflection.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<IMethod>> _methodsByService = new(StringComparer.Ordinal);
    private readonly List<Type> _serviceTypes = [];

    internal bool UnimplementedEndpointMapped { get; set; }

    /// <summary>The service implementation types mapped with MapGrpcService, in mapping order.</summary>
    public IReadOnlyList<Type> ServiceTypes
    {
        get { lock (_gate) return _serviceTypes.ToArray(); }
    }

    public bool IsKnownService(string serviceName)
    {
        lock (_gate) return _methodsByService.ContainsKey(serviceName);
    }

    internal void AddServiceType(Type serviceType)
    {
        lock (_gate) _serviceTypes.Add(serviceType);
    }

    internal void AddMethod(IMethod method)
    {
        lock (_gate)
        {
            if (!_methodsByService.TryGetValue(method.ServiceName, out var methods))
            {
                _methodsByService[method.ServiceName] = methods = [];
            }
            methods.Add(method);
        }
    }
}
