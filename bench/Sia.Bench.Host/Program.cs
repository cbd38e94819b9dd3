using Sia.Bench.Host;
using Sia.Grpc.Interop;

// ceiling --port=N : bare Kestrel h2c answering every request with one canned gRPC response.
// sia --port=N     : SIA's runtime serving grpc.testing.TestService (the interop server).
// sia-min --port=N : SIA's runtime serving only UnaryCall with a minimal handler.
// Prints "listening on N" when ready; then answers "mark" on stdin (see AllocationMarks).
Func<int, WebApplication>? build = args.FirstOrDefault() switch
{
    "ceiling" => CeilingServer.Build,
    "sia" => port => InteropServer.Build(port),
    "sia-min" => MinimalServer.Build,
    _ => null,
};
if (build is null)
{
    Console.Error.WriteLine("usage: ceiling|sia|sia-min --port=N");
    return 2;
}
var port = InteropFlags.Parse(args.Skip(1)).RequireInt("port");
await using var app = build(port);
await app.StartAsync();
Console.WriteLine($"listening on {port}");
AllocationMarks.Start();
await app.WaitForShutdownAsync();
return 0;
