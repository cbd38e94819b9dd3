using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Sia.Grpc.Protocol;

namespace Grpc.Shared.Server;

/// <summary>
/// Serves one method: checks the request is gRPC, runs the handler with its deadline, and ends the call
/// with a status whatever happens. Subclasses read requests and call the handler for one method type.
/// </summary>
internal abstract class ServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ResolvedServiceOptions options, ServiceActivator<TService> activator, ILogger logger)
    where TService : class where TRequest : class where TResponse : class
{
    protected Method<TRequest, TResponse> Method { get; } = method;
    protected ResolvedServiceOptions Options { get; } = options;
    protected ServiceActivator<TService> Activator { get; } = activator;

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!IsGrpcRequest(httpContext)) return;
        LiftBodyLimits(httpContext, Method.Type);
        using var call = new HttpContextServerCallContext(httpContext, Method, Options, logger);
        using var activity = GrpcServerDiagnostics.StartCall(Method, httpContext);
        if (call.Initialize() is { } rejection)
        {
            call.Status = rejection;
        }
        else
        {
            var handlerTask = InvokeAsync(call);
            if (call.DeadlineTask is { } deadline && !handlerTask.IsCompleted
                && await Task.WhenAny(handlerTask, deadline).ConfigureAwait(false) != handlerTask)
            {
                await call.EndCallOnDeadlineAsync().ConfigureAwait(false);
            }
            await handlerTask.ConfigureAwait(false);
        }
        await call.EndCallAsync().ConfigureAwait(false);
        GrpcServerDiagnostics.EndCall(activity, call.Status);
    }

    /// <summary>Runs the method; never throws: a failure becomes the call's status.</summary>
    private async Task InvokeAsync(HttpContextServerCallContext call)
    {
        List<object>? createdInterceptors = null;
        try
        {
            var interceptors = Options.Interceptors.Count == 0 ? [] : CreateInterceptors(call.HttpContext.RequestServices, ref createdInterceptors);
            await InvokeCoreAsync(call, interceptors).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            call.SetStatusFromException(ex);
        }
        finally
        {
            if (createdInterceptors is not null)
            {
                foreach (var interceptor in createdInterceptors) await ServiceActivator<TService>.DisposeInstanceAsync(interceptor).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the request, runs the handler (through the interceptors, if any) and writes the response.</summary>
    protected abstract Task InvokeCoreAsync(HttpContextServerCallContext call, Interceptor[] interceptors);

    /// <summary>The one request message of a unary or server-streaming call.</summary>
    protected async ValueTask<TRequest> ReadSingleRequestAsync(HttpContextServerCallContext call)
    {
        var (hasMessage, request) = await call.Reader.ReadAsync(Method.RequestMarshaller, call.CancellationToken).ConfigureAwait(false);
        if (!hasMessage) throw new RpcException(new Status(StatusCode.Internal, $"The request ended without a message; a {Method.Type} call takes exactly one."));
        await call.Reader.EnsureEndAsync(call.CancellationToken).ConfigureAwait(false);
        return request;
    }

    private Interceptor[] CreateInterceptors(IServiceProvider services, ref List<object>? created)
    {
        var interceptors = new Interceptor[Options.Interceptors.Count];
        for (var i = 0; i < interceptors.Length; i++)
        {
            var (instance, isNew) = InterceptorActivator.Create(services, Options.Interceptors[i]);
            interceptors[i] = instance;
            if (isNew) (created ??= []).Add(instance);
        }
        return interceptors;
    }

    /// <summary>
    /// gRPC limits each message (MaxReceiveMessageSize), not the stream: Kestrel's 30 MB body limit would cut off a
    /// long client stream, and its minimum data rate would end a stream that waits between messages.
    /// </summary>
    private static void LiftBodyLimits(HttpContext httpContext, MethodType type)
    {
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBodySize) maxBodySize.MaxRequestBodySize = null;
        if (type is MethodType.ClientStreaming or MethodType.DuplexStreaming && httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }
    }

    private static bool IsGrpcRequest(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            Reject(httpContext.Response, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            httpContext.Response.Headers.Upgrade = "h2c";
            return false;
        }
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Reject(httpContext.Response, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }
        return true;
    }

    private static void Reject(HttpResponse response, int httpStatus, string message)
    {
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(message);
    }
}
