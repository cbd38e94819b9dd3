using System.Globalization;
using Sia.Bench.Registry;

// postgres                     start a throwaway PostgreSQL with one database; print "connection <npgsql string>",
//                              then keep it until stdin closes (or says "stop"); the server and its files go with it.
// analyze CONNECTION           ANALYZE the database (the planner's statistics), as autovacuum would after a bulk load.
// generate FILE ROWS           write a synthetic GIAS extract (Windows-1252, 139 columns) of ROWS valid schools.
// requests DIR ROWS COUNT      write COUNT GetSchool and COUNT ListSchools requests as gRPC frames (DIR/get-K.bin,
//                              DIR/list-K.bin) for schools of a ROWS-row extract.
// check URL get|list FILE...   make the calls in the FILEs (gRPC frames) with a typed client and check the answers.
// watch URL COUNT              hold COUNT WatchChanges streams open; "change" on stdin makes a change and prints how long
//                              it took to reach every stream (see Watchers.cs).
// database CONNECTION NAME     create the database NAME on CONNECTION's server; print "connection <npgsql string>".
// changes CONNECTION           print "changes N", the registry's change log's length.
// drain URL COUNT              read COUNT changes of WatchChanges from the start and drop them; print "drained COUNT SECONDS".
// wait-applied CONNECTION N    poll the risk service's follow state; print "first T" and "caught-up T" (Unix seconds).
try
{
    return args switch
    {
        ["postgres"] => await PostgresCommand.RunAsync(),
        ["analyze", var connection] => await PostgresCommand.AnalyzeAsync(connection),
        ["generate", var file, var rows] => SyntheticGias.Write(file, Number(rows)),
        ["requests", var dir, var rows, var count] => Requests.Write(dir, Number(rows), Number(count)),
        ["check", var url, var method, .. var files] when files.Length > 0 => await Requests.CheckAsync(url, method, files),
        ["watch", var url, var count] => await Watchers.RunAsync(url, Number(count)),
        ["database", var connection, var name] => await CatchUp.CreateDatabaseAsync(connection, name),
        ["changes", var connection] => await CatchUp.CountChangesAsync(connection),
        ["drain", var url, var count] => await CatchUp.DrainAsync(url, Number(count)),
        ["wait-applied", var connection, var count] => await CatchUp.WaitAppliedAsync(connection, Number(count)),
        _ => Usage(),
    };
}
catch (Exception e) when (e is BenchException or FormatException or Grpc.Core.RpcException or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine($"Sia.Bench.Registry: {e.Message}");
    return 1;
}

static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: postgres | analyze CONNECTION | generate FILE ROWS | requests DIR ROWS COUNT | check URL get|list FILE... | watch URL COUNT | database CONNECTION NAME | changes CONNECTION | drain URL COUNT | wait-applied CONNECTION COUNT");
    return 2;
}

namespace Sia.Bench.Registry
{
    internal sealed class BenchException(string message) : Exception(message);
}
