using System.Buffers.Binary;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Sia.Grpc.Tests.Infrastructure;

/// <summary>Hand-made gRPC requests over h2c, for what a well-behaved client would never send.</summary>
public static class RawGrpc
{
    public sealed record Response(HttpResponseMessage Message, byte[] Body)
    {
        /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
        public string? GrpcStatus => Header("grpc-status");
        public string? GrpcMessage => Header("grpc-message");
        public bool IsTrailersOnly => Message.Headers.Contains("grpc-status");

        public string? Header(string name) =>
            Message.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.First()
            : Message.Headers.TryGetValues(name, out var header) ? header.First()
            : null;
    }

    public static byte[] Frame(IMessage message, bool compressedFlag = false) => Frame(message.ToByteArray(), compressedFlag ? (byte)1 : (byte)0);

    public static byte[] Frame(byte[] payload, byte flag = 0, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<Response> PostAsync(HttpClient client, string path, byte[] body,
        string contentType = "application/grpc", IEnumerable<(string Name, string Value)>? headers = null, Version? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body),
            Version = version ?? new Version(2, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        var response = await client.SendAsync(request);
        var responseBody = await response.Content.ReadAsByteArrayAsync();
        return new Response(response, responseBody);
    }
}
