using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sia.ServiceDefaults;

/// <summary>
/// A gRPC call whose caller cancels it or hangs up is logged once, at Debug, without a stack trace: behind the gateway,
/// which logs it at Information, every such call would otherwise be logged again here. grpc-dotnet logs such a call as up
/// to three Information lines, each with the exception and its stack trace ("Error reading message", "Error sending
/// message", "Service method '...' canceled"), so its per-call category is at Warning unless configured otherwise (it also
/// logs each error status a handler raises there; those are the caller's). Its errors stay at Error: a handler that fails
/// is still logged with its stack trace, unless the call had been cancelled first (<see cref="CancelledCallInterceptor"/>).
/// </summary>
internal static partial class CancelledCalls
{
    private const string GrpcCallCategory = "Grpc.AspNetCore.Server.ServerCallHandler";

    public static void AddCancelledCallLogging(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[$"Logging:LogLevel:{GrpcCallCategory}"] is null) builder.Logging.AddFilter(GrpcCallCategory, LogLevel.Warning);
        builder.Services.AddSingleton<CancelledCallInterceptor>();
        builder.Services.AddGrpc(options => options.Interceptors.Add<CancelledCallInterceptor>());
        builder.Services.AddTransient<IStartupFilter, LogFilter>();
    }

    private sealed class LogFilter(ILoggerFactory loggers) : IStartupFilter
    {
        private readonly ILogger _logger = loggers.CreateLogger(typeof(CancelledCalls).FullName!);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                if (context.RequestAborted.IsCancellationRequested && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null)
                    LogCancelled(_logger, context.Request.Path.Value);
            });
            next(app);
        };
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "The call to {Method} ended early: its caller cancelled it or hung up")]
    private static partial void LogCancelled(ILogger logger, string? method);
}
