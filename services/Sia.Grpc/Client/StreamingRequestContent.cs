using System.Net;

namespace Grpc.Net.Client;

/// <summary>
/// Request content that stays open while the caller writes messages: the handler hands over its stream,
/// and the content ends when the caller half-closes or the call ends.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Stream> GetStreamAsync(CancellationToken cancellationToken) => _stream.Task.WaitAsync(cancellationToken);

    /// <summary>Half-closes: the request's END_STREAM is sent.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Ends the content when the call ends before the caller half-closed.</summary>
    public void Abort() => _completed.TrySetCanceled();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _stream.TrySetResult(stream);
        return _completed.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
