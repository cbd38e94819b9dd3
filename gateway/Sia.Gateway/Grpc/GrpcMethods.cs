using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using Sia.Contracts;

namespace Sia.Gateway.Grpc;

/// <summary>The shape of each SIA method, by its gRPC path ("/pkg.Service/Method"), from the code generated in Sia.Contracts.</summary>
public static class GrpcMethods
{
    private static readonly FrozenDictionary<string, MethodDescriptor> ByPath = ApiDescriptors.Services
        .SelectMany(service => service.Methods)
        .ToFrozenDictionary(method => $"/{method.Service.FullName}/{method.Name}", StringComparer.Ordinal);

    /// <summary>
    /// Whether a call sends one request message (unary and server-streaming) rather than a stream of them. A path no SIA
    /// method has counts as one message: its service answers UNIMPLEMENTED without reading on.
    /// </summary>
    public static bool SendsOneMessage(PathString path) => Find(path) is not { IsClientStreaming: true };

    /// <summary>Whether a call can outlive one request and one response: a server, client or bidirectional stream.</summary>
    public static bool IsStreaming(PathString path) => Find(path) is { IsClientStreaming: true } or { IsServerStreaming: true };

    private static MethodDescriptor? Find(PathString path) => ByPath.GetValueOrDefault(path.Value ?? "");
}
