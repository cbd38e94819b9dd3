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

    /// <summary>
    /// Whether the method's proto declares it free of side effects (idempotency_level = NO_SIDE_EFFECTS), as every Get, List,
    /// Summarize and Watch does. A path no SIA method has is not.
    /// </summary>
    public static bool IsReadOnly(string path) =>
        ByPath.GetValueOrDefault(path)?.GetOptions()?.IdempotencyLevel == MethodOptions.Types.IdempotencyLevel.NoSideEffects;

    private static MethodDescriptor? Find(PathString path) => ByPath.GetValueOrDefault(path.Value ?? "");
}
