using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Sia.Grpc.Protocol;

namespace Grpc.Core;

/// <summary>Rich errors: a google.rpc.Status carried in the grpc-status-details-bin trailer.</summary>
public static class RpcStatusExtensions
{
    /// <summary>An RpcException with the status's code and message, and the whole status (with its details) as a trailer.</summary>
    public static RpcException ToRpcException(this Google.Rpc.Status status)
    {
        var trailers = new Metadata { { GrpcProtocol.StatusDetailsTrailer, status.ToByteArray() } };
        return new RpcException(new Status((StatusCode)status.Code, status.Message), trailers);
    }

    /// <summary>The google.rpc.Status the server sent with the error, or null when it sent none.</summary>
    public static Google.Rpc.Status? GetRpcStatus(this RpcException exception) =>
        exception.Trailers.GetValueBytes(GrpcProtocol.StatusDetailsTrailer) is { } bytes ? Google.Rpc.Status.Parser.ParseFrom(bytes) : null;

    /// <summary>The first detail of the given type, such as Google.Rpc.BadRequest.</summary>
    public static T? GetDetail<T>(this Google.Rpc.Status status) where T : class, IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        return status.Details.FirstOrDefault(any => any.Is(descriptor))?.Unpack<T>();
    }
}
