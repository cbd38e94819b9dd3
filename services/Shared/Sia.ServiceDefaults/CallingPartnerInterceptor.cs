using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Sia.ServiceDefaults;

namespace Sia.ServiceDefaults;

/// <summary>
/// Verifies the gateway's x-sia-partner headers on every gRPC call and makes the partner, with whom it acts for, the call's
/// <see cref="CallingPartnerExtensions.GetCallingPartner"/> (and its name the server span's sia.partner tag). A call with any
/// x-sia-partner* header that does not verify ends UNAUTHENTICATED before the handler runs: the gateway drops callers' own
/// x-sia-partner* headers, so such a header came from somewhere else. Header values are never logged.
/// </summary>
internal sealed partial class CallingPartnerInterceptor(byte[] signingKey, TimeProvider time, ILogger<CallingPartnerInterceptor> logger) : Interceptor
{
    public const string PartnerTag = "sia.partner";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Verify(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Verify(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Verify(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Verify(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Verify(ServerCallContext context)
    {
        var headers = context.GetHttpContext().Request.Headers;
        if (!headers.Keys.Any(name => name.StartsWith(PartnerHeaders.Prefix, StringComparison.OrdinalIgnoreCase))) return;
        if (!PartnerHeaders.TryVerify(headers, signingKey, time.GetUtcNow(), PartnerHeaders.DefaultMaxSkew, out var partner))
        {
            LogRefused(logger, context.Method);
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "The call's x-sia-partner headers did not verify: only the SIA gateway may name the calling partner, signed with the key " +
                $"it shares with this service ({PartnerHeaders.SigningKeyConfigKey}, the same value in both; their clocks must agree within " +
                $"{PartnerHeaders.DefaultMaxSkew.TotalMinutes:0} minutes). Call through the gateway, or without x-sia-partner headers."));
        }
        context.SetCallingPartner(partner);
        Activity.Current?.SetTag(PartnerTag, partner.Name);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call to {Method} with UNAUTHENTICATED: its x-sia-partner headers did not verify")]
    private static partial void LogRefused(ILogger logger, string method);
}
