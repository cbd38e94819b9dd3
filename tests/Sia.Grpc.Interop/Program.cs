using Sia.Grpc.Interop;

// Same command lines as grpc/grpc's interop binaries:
//   server --port=N
//   client --server_host=H --server_port=N --test_case=NAME
var command = args.FirstOrDefault();
var flags = InteropFlags.Parse(args.Skip(1));
return command switch
{
    "server" => await InteropServer.RunAsync(flags),
    "client" => await InteropClient.RunAsync(flags),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: server --port=N | client --server_host=HOST --server_port=N --test_case=NAME");
    return 2;
}
