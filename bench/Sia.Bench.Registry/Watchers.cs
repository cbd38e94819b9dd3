using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.Registry.V1;

namespace Sia.Bench.Registry;

/// <summary>
/// COUNT WatchChanges streams held open on a registry, for watchers.sh: it makes a local authority so that the change log
/// has a change, opens the streams (over as many HTTP/2 connections as they need), prints "watching COUNT" once every
/// stream has that change, then reads stdin: "change" makes another local authority and prints "delivered MS" once every
/// stream has it; "stop", or the end of stdin, closes the streams.
/// </summary>
internal static class Watchers
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string url, int count)
    {
        using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        var localAuthorities = new LocalAuthorityService.LocalAuthorityServiceClient(channel);
        var code = 900;
        await CreateLocalAuthorityAsync(localAuthorities, code);

        using var stop = new CancellationTokenSource();
        var received = new int[count];
        var client = new RegistryChangeService.RegistryChangeServiceClient(channel);
        var streams = Enumerable.Range(0, count).Select(i => WatchAsync(client, i, received, stop.Token)).ToArray();
        await UntilEveryStreamHasAsync(received, 1, streams);
        Console.WriteLine($"watching {count}");

        string? line;
        while ((line = await Console.In.ReadLineAsync()) is not null && line.Trim() != "stop")
        {
            if (line.Trim() != "change") continue;
            var clock = Stopwatch.StartNew();
            await CreateLocalAuthorityAsync(localAuthorities, ++code);
            await UntilEveryStreamHasAsync(received, code - 899, streams); // the changes made: 900 to code
            Console.WriteLine($"delivered {clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)}");
        }
        await stop.CancelAsync();
        await Task.WhenAll(streams);
        return 0;
    }

    /// <summary>Creates a local authority, or takes it as made if an earlier run on the same database made it.</summary>
    private static async Task CreateLocalAuthorityAsync(LocalAuthorityService.LocalAuthorityServiceClient client, int code)
    {
        try
        {
            await client.CreateLocalAuthorityAsync(new CreateLocalAuthorityRequest
            {
                LocalAuthority = new LocalAuthority { Code = code.ToString(CultureInfo.InvariantCulture), DisplayName = $"Bench {code}" },
            }, deadline: DateTime.UtcNow.Add(Patience));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    private static async Task WatchAsync(RegistryChangeService.RegistryChangeServiceClient client, int index, int[] received, CancellationToken cancellationToken)
    {
        try
        {
            using var call = client.WatchChanges(new WatchChangesRequest(), cancellationToken: cancellationToken);
            await foreach (var _ in call.ResponseStream.ReadAllAsync(cancellationToken)) Interlocked.Increment(ref received[index]);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
        }
    }

    private static async Task UntilEveryStreamHasAsync(int[] received, int changes, Task[] streams)
    {
        var clock = Stopwatch.StartNew();
        while (Behind(received, changes) is var behind and > 0)
        {
            if (streams.FirstOrDefault(s => s.IsCompleted) is { } ended) await ended; // a stream that failed throws here
            if (clock.Elapsed > Patience)
                throw new BenchException($"{behind} of {received.Length} streams did not get change {changes} within {Patience.TotalSeconds:0} s.");
            await Task.Delay(1);
        }
    }

    private static int Behind(int[] received, int changes) => Enumerable.Range(0, received.Length).Count(i => Volatile.Read(ref received[i]) < changes);
}
