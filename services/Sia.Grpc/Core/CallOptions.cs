namespace Grpc.Core;

/// <summary>Per-call settings: headers, deadline (UTC), cancellation and write options.</summary>
public readonly struct CallOptions(
    Metadata? headers = null,
    DateTime? deadline = null,
    CancellationToken cancellationToken = default,
    WriteOptions? writeOptions = null)
{
    public Metadata? Headers { get; } = headers;
    public DateTime? Deadline { get; } = deadline;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public WriteOptions? WriteOptions { get; } = writeOptions;

    public CallOptions WithHeaders(Metadata headers) => new(headers, Deadline, CancellationToken, WriteOptions);
    public CallOptions WithDeadline(DateTime deadline) => new(Headers, deadline, CancellationToken, WriteOptions);
    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(Headers, Deadline, cancellationToken, WriteOptions);
    public CallOptions WithWriteOptions(WriteOptions writeOptions) => new(Headers, Deadline, CancellationToken, writeOptions);
}
