using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using Grpc.Core;

namespace Sia.Gateway.Tests;

/// <summary>A gRPC call made with a bare HttpClient, to see the response's HTTP shape that a gRPC client hides.</summary>
public static class RawGrpc
{
    public static async Task<RawResponse> CallAsync(Uri address, string path, IMessage request, params (string Name, string Value)[] headers)
    {
        using var client = new HttpClient(new SocketsHttpHandler());
        var body = request.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        message.Content.Headers.ContentType = new("application/grpc");
        message.Headers.TE.ParseAdd("trailers");
        foreach (var (name, value) in headers) message.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(message);
        var received = await response.Content.ReadAsByteArrayAsync();
        return new RawResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)),
            received.Length,
            response.TrailingHeaders.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)));
    }
}

public sealed record RawResponse(HttpStatusCode Status, string? ContentType, IReadOnlyDictionary<string, string> Headers, int BodyLength,
    IReadOnlyDictionary<string, string> Trailers)
{
    /// <summary>Asserts a gRPC trailers-only response: HTTP 200, application/grpc, the status in the headers, no body, no trailers.</summary>
    public void AssertTrailersOnly(StatusCode expected)
    {
        Assert.Equal(HttpStatusCode.OK, Status);
        Assert.Equal("application/grpc", ContentType);
        Assert.Equal(((int)expected).ToString(), Headers.GetValueOrDefault("grpc-status"));
        Assert.NotEmpty(Headers.GetValueOrDefault("grpc-message") ?? "");
        Assert.Equal(0, BodyLength);
        Assert.Empty(Trailers);
    }
}
