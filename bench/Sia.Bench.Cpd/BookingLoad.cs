using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Sia.Cpd.V1;

namespace Sia.Bench.Cpd;

/// <summary>Confirmed bookings, a fixed number in flight, round the sessions in turn, for a fixed time; every answer checked.</summary>
internal static class BookingLoad
{
    public static async Task<int> RunAsync(CpdClients cpd, string file, int inFlight, int seconds)
    {
        var sessions = await File.ReadAllLinesAsync(file);
        if (sessions.Length == 0) throw new BenchException($"{file} names no sessions");
        var next = -1;
        var clock = Stopwatch.StartNew();
        var stopAt = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            var (latencies, confirmed, other) = (new List<double>(), 0, 0);
            while (clock.Elapsed < stopAt)
            {
                var request = BenchSessions.Booking(sessions[(int)((uint)Interlocked.Increment(ref next) % sessions.Length)]);
                var started = Stopwatch.GetTimestamp();
                Booking booking;
                try
                {
                    booking = await cpd.Bookings.CreateBookingAsync(request, cpd.Headers);
                }
                catch (RpcException e)
                {
                    throw new BenchException($"CreateBooking on {request.Parent}: {e.StatusCode} {e.Status.Detail}");
                }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (booking.State == Booking.Types.State.Confirmed) confirmed++;
                else other++;
            }
            return (latencies, confirmed, other);
        })).ToList();
        var results = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = results.SelectMany(r => r.latencies).Order().ToList();
        double Percentile(double p) => all[Math.Min(all.Count - 1, (int)(p * all.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load {all.Count / elapsed:F0} {Percentile(0.50):F2} {Percentile(0.99):F2} {results.Sum(r => r.confirmed)} {results.Sum(r => r.other)}"));
        return 0;
    }
}
