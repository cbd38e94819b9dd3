using System.IO.Compression;
using Grpc.Core.Interceptors;
using Grpc.Net.Compression;
using Sia.Grpc.Protocol;

namespace Grpc.AspNetCore.Server;

/// <summary>Server options, set globally with AddGrpc and per service with AddServiceOptions.</summary>
public class GrpcServiceOptions
{
    /// <summary>Largest message a call may receive, in bytes (4 MB by default; null for no limit).</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest message a call may send, in bytes (no limit by default).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Whether handler exception messages reach clients; off by default so internals never leak.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Compress responses with this algorithm when the client accepts it.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    public CompressionLevel? ResponseCompressionLevel { get; set; }

    public IList<ICompressionProvider> CompressionProviders { get; set; } = [.. GrpcProtocol.DefaultCompressionProviders];

    public InterceptorCollection Interceptors { get; } = [];

    /// <summary>When true, calls to unknown services fall through to the rest of the app instead of UNIMPLEMENTED.</summary>
    public bool IgnoreUnknownServices { get; set; }
}

/// <summary>Options for one service; unset values fall back to the global options.</summary>
public class GrpcServiceOptions<TService> : GrpcServiceOptions where TService : class;

/// <summary>Interceptors, by type, created per call from DI (or with their constructor arguments).</summary>
public sealed class InterceptorCollection : List<InterceptorRegistration>
{
    public void Add<TInterceptor>(params object[] args) where TInterceptor : Interceptor => Add(typeof(TInterceptor), args);

    public void Add(Type interceptorType, params object[] args)
    {
        if (!typeof(Interceptor).IsAssignableFrom(interceptorType))
            throw new ArgumentException($"{interceptorType} does not derive from {typeof(Interceptor)}.", nameof(interceptorType));
        Add(new InterceptorRegistration(interceptorType, args));
    }
}

public sealed record InterceptorRegistration(Type Type, object[] Arguments);
