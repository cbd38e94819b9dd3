using Grpc.AspNetCore.Server;
using Grpc.Net.Compression;

namespace Grpc.Shared.Server;

/// <summary>A service's effective options (the global ones with the service's own applied over them), fixed when it is mapped.</summary>
internal sealed record ResolvedServiceOptions(
    int? MaxReceiveMessageSize,
    int? MaxSendMessageSize,
    bool EnableDetailedErrors,
    string? ResponseCompressionAlgorithm,
    System.IO.Compression.CompressionLevel? ResponseCompressionLevel,
    IReadOnlyList<ICompressionProvider> CompressionProviders,
    IReadOnlyList<InterceptorRegistration> Interceptors)
{
    public static ResolvedServiceOptions From(GrpcServiceOptions options) => new(
        options.MaxReceiveMessageSize,
        options.MaxSendMessageSize,
        options.EnableDetailedErrors,
        options.ResponseCompressionAlgorithm,
        options.ResponseCompressionLevel,
        options.CompressionProviders.ToArray(),
        options.Interceptors.ToArray());
}
