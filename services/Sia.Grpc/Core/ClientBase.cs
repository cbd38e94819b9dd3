namespace Grpc.Core;

/// <summary>The base of generated clients.</summary>
public abstract class ClientBase
{
    protected ClientBase() : this(new UnimplementedCallInvoker()) { }

    protected ClientBase(ChannelBase channel) : this(channel.CreateCallInvoker()) { }

    protected ClientBase(CallInvoker callInvoker) : this(new ClientBaseConfiguration(callInvoker, null)) { }

    protected ClientBase(ClientBaseConfiguration configuration)
    {
        Configuration = configuration;
        CallInvoker = configuration.CreateDecoratedCallInvoker();
    }

    public CallInvoker CallInvoker { get; }

    internal ClientBaseConfiguration Configuration { get; }

    /// <summary>What a client is built from: the call invoker, and the host every call names, if any.</summary>
    protected internal sealed class ClientBaseConfiguration(CallInvoker undecoratedCallInvoker, string? host)
    {
        internal ClientBaseConfiguration WithHost(string newHost) => new(undecoratedCallInvoker, newHost);

        internal CallInvoker CreateDecoratedCallInvoker() =>
            host is null ? undecoratedCallInvoker : new HostOverridingCallInvoker(undecoratedCallInvoker, host);
    }

    /// <summary>Stands in for a client built with no channel (a mock's base); every call fails.</summary>
    private sealed class UnimplementedCallInvoker : CallInvoker
    {
        private static RpcException NotConnected() =>
            new(new Status(StatusCode.Unimplemented, "This client has no channel; construct it with a channel or call invoker."));

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw NotConnected();
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw NotConnected();
        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw NotConnected();
        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw NotConnected();
        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw NotConnected();
    }

    private sealed class HostOverridingCallInvoker(CallInvoker inner, string host) : CallInvoker
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options, TRequest request) => inner.BlockingUnaryCall(method, host, options, request);
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options, TRequest request) => inner.AsyncUnaryCall(method, host, options, request);
        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options, TRequest request) => inner.AsyncServerStreamingCall(method, host, options, request);
        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options) => inner.AsyncClientStreamingCall(method, host, options);
        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options) => inner.AsyncDuplexStreamingCall(method, host, options);
    }
}

/// <summary>The base of generated clients, able to make copies of itself bound to another host.</summary>
public abstract class ClientBase<T> : ClientBase where T : ClientBase<T>
{
    protected ClientBase() { }
    protected ClientBase(ChannelBase channel) : base(channel) { }
    protected ClientBase(CallInvoker callInvoker) : base(callInvoker) { }
    protected ClientBase(ClientBaseConfiguration configuration) : base(configuration) { }

    public T WithHost(string host) => NewInstance(Configuration.WithHost(host));

    protected abstract T NewInstance(ClientBaseConfiguration configuration);
}
