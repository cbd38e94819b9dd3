using System.Collections.Concurrent;
using Grpc.Core;
using Sia.Cpd.V1;
using Sia.Testing;
using static Sia.Cpd.Tests.BookingSetup;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>WatchBookings: a provider's booking changes in order, resumable, none sent ahead of one that commits later, and only to the provider.</summary>
public sealed class WatchBookingsTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private const string Pathfinder = "alliances/pathfinder";

    private BookingService.BookingServiceClient Bookings => new(stack.CreateChannel());

    [Fact]
    public async Task A_watcher_gets_each_change_in_order_and_resumes_after_the_last_it_got()
    {
        var session = await NewSessionAsync(stack, capacity: 1);
        var client = Bookings;
        using var watcher = Watch(client, "");
        var held = await client.CreateBookingAsync(Create(session, hold: true));
        var waiting = await client.CreateBookingAsync(Create(session));
        await client.CancelBookingAsync(new CancelBookingRequest { Name = held.Name });

        // The cancel is one transaction with two changes: the held booking cancelled, the waiting one offered its place.
        var expected = new[] { (held.Name, State.Held), (waiting.Name, State.WaitingListed), (held.Name, State.Cancelled), (waiting.Name, State.Held) };
        var got = await watcher.FirstOfAsync(session.Name, expected.Length);
        Assert.Equal(expected.Select(e => e.Name), got.Select(c => c.Booking.Name));
        Assert.Equal(State.Held, got[^1].Booking.State);

        using var resumed = Watch(client, got[1].ResumeToken);
        var after = await resumed.FirstOfAsync(session.Name, 2);
        Assert.Equal(got.Skip(2).Select(c => c.ResumeToken), after.Select(c => c.ResumeToken));
    }

    [Fact]
    public async Task A_change_that_commits_later_is_not_overtaken_by_a_newer_one_that_committed_first()
    {
        var (first, second) = (await NewSessionAsync(stack, capacity: 5), await NewSessionAsync(stack, capacity: 5));
        var client = Bookings;
        using var watcher = Watch(client, "");
        Task<Booking> early;
        Booking late;
        using (var hold = stack.Gate.HoldAfter("INSERT INTO booking_changes"))
        {
            early = client.CreateBookingAsync(Create(first)).ResponseAsync;
            await hold.ArrivedAsync();
            late = await client.CreateBookingAsync(Create(second));
            // The watcher looks several times while the earlier booking's transaction is open: it must send neither.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.DoesNotContain(watcher.Received, c => c.Booking.Name == late.Name);
        }
        var made = await early;
        await Until.TrueAsync(() => watcher.Received.Any(c => c.Booking.Name == late.Name), "the later booking's change");
        var order = watcher.Received.Select(c => c.Booking.Name).Where(n => n == made.Name || n == late.Name).ToList();
        Assert.Equal([made.Name, late.Name], order);
    }

    [Fact]
    public async Task Only_the_providers_partners_watch_and_a_token_it_did_not_issue_is_refused()
    {
        var ebor = Partners.ActingForAlliances("Ebor's system", "ebor");
        var refused = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(Bookings, new WatchBookingsRequest { Parent = Pathfinder }, ebor));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("watch its bookings", refused.Status.Detail);

        var session = await NewSessionAsync(stack, capacity: 1);
        await Bookings.CreateBookingAsync(Create(session));
        Assert.NotNull(await FirstAsync(Bookings, new WatchBookingsRequest { Parent = Pathfinder }, Partners.ActingForAlliances("Pathfinder's system", "pathfinder")));

        foreach (var token in new[] { "not base64!", Convert.ToBase64String("booking-change:999999999"u8.ToArray()), Convert.ToBase64String("other:1"u8.ToArray()) })
        {
            var forged = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(Bookings, new WatchBookingsRequest { Parent = Pathfinder, ResumeToken = token }));
            Assert.Equal(StatusCode.InvalidArgument, forged.StatusCode);
        }
        var badParent = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(Bookings, new WatchBookingsRequest { Parent = "alliances/Not An Id" }));
        Assert.Equal(StatusCode.InvalidArgument, badParent.StatusCode);
    }

    private static async Task<WatchBookingsResponse> FirstAsync(BookingService.BookingServiceClient client, WatchBookingsRequest request, Metadata? headers = null)
    {
        using var call = client.WatchBookings(request, headers, deadline: DateTime.UtcNow.AddSeconds(30));
        return await call.ResponseStream.MoveNext() ? call.ResponseStream.Current : throw new InvalidOperationException("The stream ended.");
    }

    private static Watcher Watch(BookingService.BookingServiceClient client, string resumeToken) => new(client, new WatchBookingsRequest { Parent = Pathfinder, ResumeToken = resumeToken });

    /// <summary>A stream read in the background into <see cref="Received"/> until disposed.</summary>
    private sealed class Watcher : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<WatchBookingsResponse> _received = new();
        private readonly AsyncServerStreamingCall<WatchBookingsResponse> _call;

        public Watcher(BookingService.BookingServiceClient client, WatchBookingsRequest request)
        {
            _call = client.WatchBookings(request, cancellationToken: _stop.Token);
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var change in _call.ResponseStream.ReadAllAsync(_stop.Token)) _received.Enqueue(change);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                }
            });
        }

        public IReadOnlyList<WatchBookingsResponse> Received => [.. _received];

        /// <summary>The first <paramref name="count"/> changes to bookings of <paramref name="session"/>, once they have come.</summary>
        public async Task<IReadOnlyList<WatchBookingsResponse>> FirstOfAsync(string session, int count)
        {
            IReadOnlyList<WatchBookingsResponse> Of() => [.. Received.Where(c => c.Booking.Name.StartsWith(session + "/", StringComparison.Ordinal)).Take(count)];
            await Until.TrueAsync(() => Of().Count == count, $"{count} changes to {session}'s bookings");
            return Of();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _call.Dispose();
            _stop.Dispose();
        }
    }
}
