namespace Grpc.Core;

public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}

/// <summary>A method's description without its message types.</summary>
public interface IMethod
{
    MethodType Type { get; }
    string ServiceName { get; }
    string Name { get; }

    /// <summary>The HTTP/2 path of the method: "/package.Service/Method".</summary>
    string FullName { get; }
}

public class Method<TRequest, TResponse>(
    MethodType type,
    string serviceName,
    string name,
    Marshaller<TRequest> requestMarshaller,
    Marshaller<TResponse> responseMarshaller) : IMethod
{
    public MethodType Type { get; } = type;
    public string ServiceName { get; } = serviceName;
    public string Name { get; } = name;
    public string FullName { get; } = $"/{serviceName}/{name}";
    public Marshaller<TRequest> RequestMarshaller { get; } = requestMarshaller;
    public Marshaller<TResponse> ResponseMarshaller { get; } = responseMarshaller;
}
