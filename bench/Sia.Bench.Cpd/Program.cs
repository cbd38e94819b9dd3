using System.Globalization;
using Sia.Bench.Cpd;

// For cpd.sh, against a CPD service (direct) or the gateway (with KEY; "-" for none) whose registry has the demo data:
// sessions URL KEY COUNT CAPACITY FILE  COUNT new open sessions of a new course in Pathfinder's programme for next
//                                       academic year, each with CAPACITY places; their names written to FILE.
// load URL KEY FILE IN-FLIGHT SECONDS   confirmed bookings for schools/990001, one place each, on the FILE's sessions in
//                                       turn, IN-FLIGHT at a time for SECONDS; prints "load RPS P50-MS P99-MS CONFIRMED OTHER".
// contend SETUP-URL URL KEY CAPACITY BOOKERS  one new session of CAPACITY places (made directly at SETUP-URL) and
//                                       BOOKERS bookings sent at once to URL; prints "contend SECONDS CONFIRMED WAITING" once
//                                       every answer is in, and fails unless exactly CAPACITY are confirmed and the rest wait.
try
{
    return args switch
    {
        ["sessions", var url, var key, var count, var capacity, var file] => await BenchSessions.CreateAsync(new CpdClients(url, key), Number(count), Number(capacity), file),
        ["load", var url, var key, var file, var inFlight, var seconds] => await BookingLoad.RunAsync(new CpdClients(url, key), file, Number(inFlight), Number(seconds)),
        ["contend", var setupUrl, var url, var key, var capacity, var bookers] =>
            await Contention.RunAsync(new CpdClients(setupUrl, "-"), new CpdClients(url, key), Number(capacity), Number(bookers)),
        _ => Usage(),
    };
}
catch (Exception e) when (e is BenchException or FormatException or Grpc.Core.RpcException)
{
    Console.Error.WriteLine($"Sia.Bench.Cpd: {e.Message}");
    return 1;
}

static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: sessions URL KEY COUNT CAPACITY FILE | load URL KEY FILE IN-FLIGHT SECONDS | contend SETUP-URL URL KEY CAPACITY BOOKERS");
    return 2;
}

namespace Sia.Bench.Cpd
{
    internal sealed class BenchException(string message) : Exception(message);
}
