using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Testing;
using Sia.Grpc.Interop;

namespace Sia.Bench.Host;

/// <summary>
/// The ceiling of this stack: Kestrel over h2c doing only what any gRPC server must do for a unary call —
/// drain the request body, send headers, one canned SimpleResponse (100-byte payload) and grpc-status 0.
/// </summary>
public static class CeilingServer
{
    private static readonly byte[] CannedResponse = Frame(new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[100]) } });

    public static WebApplication Build(int port)
    {
        var builder = InteropServer.CreateH2cBuilder(port);
        var app = builder.Build();
        app.Run(RespondAsync);
        return app;
    }

    private static async Task RespondAsync(HttpContext context)
    {
        var body = context.Request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync();
            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) break;
        }
        var response = context.Response;
        response.ContentType = "application/grpc";
        await response.BodyWriter.WriteAsync(CannedResponse);
        response.AppendTrailer("grpc-status", "0");
    }

    private static byte[] Frame(IMessage message)
    {
        var frame = new byte[5 + message.CalculateSize()];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)(frame.Length - 5));
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }
}
