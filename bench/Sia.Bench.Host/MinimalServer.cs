using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;
using Sia.Grpc.Interop;

namespace Sia.Bench.Host;

/// <summary>
/// SIA's runtime with nothing but TestService/UnaryCall answered by the least a handler can do, so that the
/// runtime's own cost shows apart from the interop service's (which echoes metadata, as the peers' do).
/// </summary>
public static class MinimalServer
{
    public static WebApplication Build(int port)
    {
        var builder = InteropServer.CreateH2cBuilder(port);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<MinimalTestService>();
        return app;
    }

    private sealed class MinimalTestService : TestService.TestServiceBase
    {
        public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) =>
            Task.FromResult(new SimpleResponse { Payload = new Payload { Body = UnsafeByteOperations.UnsafeWrap(new byte[request.ResponseSize]) } });
    }
}
