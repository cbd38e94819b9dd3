using Grpc.Core;
using Grpc.Net.Client;
using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Registry.Tests;

/// <summary>A WatchChanges call read in the background: the changes it has received so far, until it is disposed.</summary>
internal sealed class ChangeWatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly AsyncServerStreamingCall<Change> call;
    private readonly Lock gate = new();
    private readonly List<Change> received = [];
    private readonly Task reading;

    public ChangeWatcher(GrpcChannel channel, string resumeToken = "")
    {
        call = new RegistryChangeService.RegistryChangeServiceClient(channel)
            .WatchChanges(new WatchChangesRequest { ResumeToken = resumeToken }, cancellationToken: stop.Token);
        reading = ReadAsync();
    }

    public IReadOnlyList<Change> Received
    {
        get
        {
            lock (gate) return [.. received];
        }
    }

    /// <summary>Waits until it has received <paramref name="count"/> changes, and returns all it has.</summary>
    public Task<IReadOnlyList<Change>> ReceivedAsync(int count) => ReceivedAsync(changes => changes.Count >= count, $"{count} changes");

    /// <summary>Waits until it has received a change of <paramref name="resource"/>, and returns all it has.</summary>
    public Task<IReadOnlyList<Change>> ReceivedAsync(string resource) => ReceivedAsync(changes => changes.Any(c => c.Resource == resource), $"a change of {resource}");

    private async Task<IReadOnlyList<Change>> ReceivedAsync(Func<IReadOnlyList<Change>, bool> enough, string what)
    {
        await Until.TrueAsync(() => enough(Received) || reading.IsCompleted, $"{what} on a WatchChanges stream");
        if (reading.IsCompleted) await reading; // the stream ended: its error, or none if the server ended it
        return Received;
    }

    private async Task ReadAsync()
    {
        await foreach (var change in call.ResponseStream.ReadAllAsync(stop.Token))
            lock (gate) received.Add(change);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
        }
        call.Dispose();
        stop.Dispose();
    }
}
