using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.Testing;

namespace Sia.Registry.Testing.AnyRequest;

/// <summary>
/// What an RPC answered: its status and, for INVALID_ARGUMENT, the fields its google.rpc.BadRequest names; a unary call's
/// response when it succeeded.
/// </summary>
public sealed record Answer(StatusCode Code, string Detail, IReadOnlyList<string> Fields, IMessage? Response = null)
{
    public static readonly Answer Ok = new(StatusCode.OK, "", []);

    public override string ToString() => $"{Code} [{string.Join(", ", Fields)}] {Detail}";
}

/// <summary>
/// Calls any registry RPC with a request as bytes (<see cref="WireText"/>), as a client in any language can send them, with
/// the given headers (a partner's key, through the gateway).
/// </summary>
public sealed class RawRegistryClient(GrpcChannel channel, Metadata? headers = null)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private readonly CallInvoker _invoker = channel.CreateCallInvoker();

    public async Task<Answer> CallAsync(MethodDescriptor method, IMessage request)
    {
        var body = WireText.Encode(request);
        try
        {
            switch (method.IsClientStreaming, method.IsServerStreaming)
            {
                case (false, false):
                    var response = await _invoker.AsyncUnaryCall(Method(method, MethodType.Unary), null, new CallOptions(headers), body);
                    return Answer.Ok with { Response = method.OutputType.Parser.ParseFrom(response) };
                case (true, false):
                    using (var call = _invoker.AsyncClientStreamingCall(Method(method, MethodType.ClientStreaming), null, new CallOptions(headers)))
                    {
                        await call.RequestStream.WriteAsync(body);
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseAsync;
                    }
                    break;
                case (false, true):
                    // A stream that sends its first message (or ends) has taken the request; the rest is not the request's doing.
                    // The deadline only ends a stream that never answers, generously, so a loaded machine is not taken for one.
                    using (var call = _invoker.AsyncServerStreamingCall(Method(method, MethodType.ServerStreaming), null,
                               new CallOptions(headers, deadline: DateTime.UtcNow + Until.Generous), body))
                    {
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                    }
                    break;
                default:
                    throw new NotSupportedException($"{method.FullName} streams both ways; the registry has no such RPC yet.");
            }
            return Answer.Ok;
        }
        catch (RpcException error)
        {
            return new Answer(error.StatusCode, error.Status.Detail, error.ViolatedFields());
        }
    }

    private static Method<byte[], byte[]> Method(MethodDescriptor method, MethodType type) => new(type, method.Service.FullName, method.Name, Bytes, Bytes);
}
