using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Sia.Gateway.Grpc;

namespace Sia.Gateway.Proxy;

/// <summary>
/// The request body of an authenticated call on its way to a service. It has no overall size (Kestrel's default cap is 30
/// MB; gRPC streams have none, and the services bound each message), but it must arrive in time: a caller that sends a
/// call's headers and then nothing, or a trickle, costs only that call (see <see cref="RequestBodyDeadline"/>).
/// </summary>
public sealed class RequestBodyMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var lifetime = context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        var deadline = new RequestBodyDeadline(options.Value.RequestBodyTimeout, GrpcMethods.SendsOneMessage(context.Request.Path), time,
            lifetime.RequestAborted);
        context.Response.RegisterForDispose(deadline);
        context.Features.Set(deadline);
        // YARP forwards until RequestAborted: this one also ends when the deadline passes, and nothing else sees it.
        context.Features.Set<IHttpRequestLifetimeFeature>(new ForwardingLifetime(lifetime, deadline.Token));
        context.Request.Body = new TimedBody(context.Request.Body, deadline);
        return next(context);
    }

    private sealed class ForwardingLifetime(IHttpRequestLifetimeFeature request, CancellationToken aborted) : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted
        {
            get => aborted;
            set => throw new NotSupportedException();
        }

        public void Abort() => request.Abort();
    }

    /// <summary>The request body, telling the deadline when the gateway waits for it and when a part or its end arrives.</summary>
    private sealed class TimedBody(Stream body, RequestBodyDeadline deadline) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            deadline.Waiting();
            var read = await body.ReadAsync(buffer, cancellationToken);
            // A zero-byte read (YARP waits for data that way) returns 0 without the body having ended.
            deadline.Received(ended: read == 0 && !buffer.IsEmpty);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The gateway reads request bodies asynchronously.");

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
