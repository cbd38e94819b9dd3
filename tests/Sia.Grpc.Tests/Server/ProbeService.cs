using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Testing;
using Status = Grpc.Core.Status;

namespace Sia.Grpc.Tests.Server;

/// <summary>What the probe service saw of its calls, for tests to assert on.</summary>
public sealed class ProbeState
{
    public TaskCompletionSource<(DateTime Deadline, bool Cancelled)> EmptyCallEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public List<string> InterceptedMethods { get; } = [];
}

/// <summary>
/// A TestService whose behaviour tests pick: EmptyCall waits until the call is cancelled; UnaryCall fails
/// in the way its response_status message names.
/// </summary>
public sealed class ProbeService(ProbeState state) : TestService.TestServiceBase
{
    public const string ThrowPlainException = "throw-plain-exception";
    public const string ThrowRichError = "throw-rich-error";
    public const string Secret = "Host=db;Password=hunter2";

    public override async Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        finally
        {
            state.EmptyCallEnded.TrySetResult((context.Deadline, context.CancellationToken.IsCancellationRequested));
        }
        return new Empty();
    }

    public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) => request.ResponseStatus?.Message switch
    {
        ThrowPlainException => throw new InvalidOperationException($"Could not connect: {Secret}"),
        ThrowRichError => throw new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "The school's URN is not valid.",
            Details =
            {
                Google.Protobuf.WellKnownTypes.Any.Pack(new BadRequest
                {
                    FieldViolations = { new BadRequest.Types.FieldViolation { Field = "urn", Description = "A URN has 6 digits." } },
                }),
            },
        }.ToRpcException(),
        _ => Task.FromResult(new SimpleResponse()),
    };
}

/// <summary>Records every call it sees, and adds a trailer, to prove it ran.</summary>
public sealed class RecordingInterceptor(ProbeState state) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        lock (state.InterceptedMethods) state.InterceptedMethods.Add(context.Method);
        context.ResponseTrailers.Add("x-intercepted", "yes");
        return await continuation(request, context);
    }
}

/// <summary>Turns every call into PERMISSION_DENIED before the handler runs.</summary>
public sealed class DenyingInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        throw new RpcException(new Status(StatusCode.PermissionDenied, "Denied by interceptor."));
}
