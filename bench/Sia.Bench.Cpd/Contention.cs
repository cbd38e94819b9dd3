using System.Diagnostics;
using System.Globalization;
using Sia.Cpd.V1;

namespace Sia.Bench.Cpd;

/// <summary>Many bookers at once on one small session: how long until every one has its answer, and that exactly the capacity is confirmed.</summary>
internal static class Contention
{
    public static async Task<int> RunAsync(CpdClients setup, CpdClients cpd, int capacity, int bookers)
    {
        var session = (await BenchSessions.CreateAsync(setup, 1, capacity)).Single();
        var requests = Enumerable.Range(0, bookers).Select(_ => BenchSessions.Booking(session)).ToList();
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(requests.Select(r => cpd.Bookings.CreateBookingAsync(r, cpd.Headers).ResponseAsync));
        var seconds = clock.Elapsed.TotalSeconds;
        var confirmed = answers.Count(b => b.State == Booking.Types.State.Confirmed);
        var waiting = answers.Count(b => b.State == Booking.Types.State.WaitingListed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"contend {seconds:F3} {confirmed} {waiting}"));
        if (confirmed != capacity || waiting != bookers - capacity)
            throw new BenchException($"{bookers} bookers on {capacity} places: {confirmed} confirmed and {waiting} waiting");
        var positions = answers.Where(b => b.State == Booking.Types.State.WaitingListed).Select(b => b.WaitingPosition).Order();
        if (!positions.SequenceEqual(Enumerable.Range(1, bookers - capacity)))
            throw new BenchException("the waiting list is not numbered 1 to the number waiting");
        return 0;
    }
}
