using System.Globalization;
using Sia.Bench.Risk;

// For risk-run.sh, against a risk service whose copy of the registry holds the schools:
// setup URL CONNECTION          inspections straight into the copy (most schools one, half of those an earlier one too),
//                               indicators for every school through ImportIndicators, York's 2015/16 framework published
//                               for every LA; prints what it made.
// round URL                     RunAssessmentRound for every LA, 2015/16 annual, dated 2015-10-01; prints
//                               "round SECONDS CREATED ALREADY NOT-OPEN WITHOUT-FRAMEWORK".
// scan URL                      the baseline: every 2015/16 annual assessment read with ListAssessments, 200 a page;
//                               prints "scan SECONDS COUNT".
// requests DIR CONNECTION COUNT write COUNT ListAssessments (an LA's category 1, 50 a page; default view and FULL) and
//                               COUNT GetFramework requests as gRPC frames (DIR/list-K.bin, DIR/listfull-K.bin,
//                               DIR/get-K.bin), each for another LA.
// check URL list|listfull|get FILE... make the calls in the FILEs with a typed client and check the answers.
try
{
    return args switch
    {
        ["setup", var url, var connection] => await RiskSetup.RunAsync(url, connection),
        ["round", var url] => await Round.RunAsync(url),
        ["scan", var url] => await Round.ScanAsync(url),
        ["requests", var dir, var connection, var count] => await ListRequests.WriteAsync(dir, connection, int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture)),
        ["check", var url, var method, .. var files] when files.Length > 0 => await ListRequests.CheckAsync(url, method, files),
        _ => Usage(),
    };
}
catch (Exception e) when (e is BenchException or FormatException or Grpc.Core.RpcException or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine($"Sia.Bench.Risk: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: setup URL CONNECTION | round URL | scan URL | requests DIR CONNECTION COUNT | check URL list|listfull|get FILE...");
    return 2;
}

namespace Sia.Bench.Risk
{
    internal sealed class BenchException(string message) : Exception(message);
}
