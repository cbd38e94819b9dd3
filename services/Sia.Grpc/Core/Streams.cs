namespace Grpc.Core;

/// <summary>Reads a stream of messages: call MoveNext until it returns false, reading Current after each true.</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }
    Task<bool> MoveNext(CancellationToken cancellationToken);
}

public interface IAsyncStreamWriter<in T>
{
    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return WriteAsync(message);
    }

    /// <summary>Options for the next writes, such as <see cref="WriteFlags.NoCompress"/>.</summary>
    WriteOptions? WriteOptions { get; set; }
}

public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>;

public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the call: no more messages will be sent.</summary>
    Task CompleteAsync();
}

[Flags]
public enum WriteFlags
{
    BufferHint = 0x1,
    NoCompress = 0x2,
}

public sealed class WriteOptions(WriteFlags flags = default)
{
    public static readonly WriteOptions Default = new();

    public WriteFlags Flags { get; } = flags;
}

public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads every remaining message as an async sequence.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> streamReader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamReader);
        while (await streamReader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return streamReader.Current;
        }
    }
}
