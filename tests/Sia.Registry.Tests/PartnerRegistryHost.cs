using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Sia.ServiceDefaults;
using Sia.Testing.Postgres;

namespace Sia.Registry.Tests;

/// <summary>
/// The registry with the gateway's signing key configured, recording what its handlers see as the calling partner
/// (<see cref="CallingPartnerExtensions.GetCallingPartner"/>) for each call that carries a <see cref="CallIdHeader"/>.
/// </summary>
public class PartnerRegistryHost(PostgresServer postgres) : IAsyncLifetime
{
    public const string SigningKey = "registry-tests-partner-signing-key-0123456789";
    public const string CallIdHeader = "x-test-call-id";

    private RegistryHost _registry = null!;

    /// <summary>What each call's handler saw as its partner: null for none.</summary>
    public ConcurrentDictionary<string, CallingPartner?> Partners { get; } = new();

    public Uri Address => _registry.Address;

    protected virtual string? ConfiguredKey => SigningKey;

    public GrpcChannel CreateChannel() => _registry.CreateChannel();

    public ValueTask InitializeAsync()
    {
        _registry = new RegistryHost(postgres)
        {
            Settings = new Dictionary<string, string?> { [PartnerHeaders.SigningKeyConfigKey] = ConfiguredKey },
            ConfigureServices = services =>
            {
                services.AddSingleton(new PartnerRecorder(Partners));
                services.AddGrpc(options => options.Interceptors.Add<PartnerRecorder>());
            },
        };
        return _registry.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _registry.DisposeAsync();

    /// <summary>Runs after ServiceDefaults' verification, just before the handler, on unary and streaming calls alike.</summary>
    private sealed class PartnerRecorder(ConcurrentDictionary<string, CallingPartner?> partners) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
            UnaryServerMethod<TRequest, TResponse> continuation)
        {
            Record(context);
            return continuation(request, context);
        }

        public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
            ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Record(context);
            return continuation(requestStream, context);
        }

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
            ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Record(context);
            return continuation(request, responseStream, context);
        }

        private void Record(ServerCallContext context)
        {
            if (context.RequestHeaders.GetValue(CallIdHeader) is { } id) partners[id] = context.GetCallingPartner();
        }
    }
}

/// <summary>The same registry without Gateway:PartnerSigningKey.</summary>
public sealed class KeylessRegistryHost(PostgresServer postgres) : PartnerRegistryHost(postgres)
{
    protected override string? ConfiguredKey => null;
}
