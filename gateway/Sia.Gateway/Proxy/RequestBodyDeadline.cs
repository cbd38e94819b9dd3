namespace Sia.Gateway.Proxy;

/// <summary>
/// One forwarded call's Gateway:RequestBodyTimeout. For a call that sends one message the clock runs from the start until
/// the body has ended; for a client stream it runs only while the gateway waits for the next part. <see cref="Token"/>
/// stands for the request's RequestAborted while the call is forwarded, so an expired deadline cancels the forwarding of
/// this call alone; <see cref="Expired"/> then tells <see cref="ProxyErrorMiddleware"/> to answer DEADLINE_EXCEEDED.
/// </summary>
public sealed class RequestBodyDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _aborted;

    public RequestBodyDeadline(TimeSpan timeout, bool oneMessage, TimeProvider time, CancellationToken requestAborted)
    {
        Timeout = timeout;
        OneMessage = oneMessage;
        _timer = new CancellationTokenSource(oneMessage ? timeout : System.Threading.Timeout.InfiniteTimeSpan, time);
        _aborted = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _timer.Token);
    }

    public TimeSpan Timeout { get; }

    /// <summary>Whether the call sends one message (unary, server-streaming) rather than a client stream.</summary>
    public bool OneMessage { get; }

    /// <summary>Cancelled when the caller goes away or the deadline passes.</summary>
    public CancellationToken Token => _aborted.Token;

    /// <summary>The deadline passed before the body arrived.</summary>
    public bool Expired => _timer.IsCancellationRequested;

    internal void Waiting()
    {
        if (!OneMessage) _timer.CancelAfter(Timeout);
    }

    internal void Received(bool ended)
    {
        if (ended || !OneMessage) _timer.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _aborted.Dispose();
        _timer.Dispose();
    }
}
