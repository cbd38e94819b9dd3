using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sia.ServiceDefaults;

/// <summary>
/// Names ASP.NET Core's request span and gives it the HTTP semantic-convention attributes, which OpenTelemetry's
/// ASP.NET Core instrumentation (not available here) would add: method, scheme, path, route, status code.
/// Runs first in the pipeline, through a startup filter.
/// </summary>
internal sealed class HttpServerSpanTags : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var span = Activity.Current;
            if (span is null || span.Source.Name != "Microsoft.AspNetCore")
            {
                await nextMiddleware(context);
                return;
            }
            span.SetTag("http.request.method", context.Request.Method);
            span.SetTag("url.scheme", context.Request.Scheme);
            span.SetTag("url.path", context.Request.Path.Value);
            span.SetTag("network.protocol.version", context.Request.Protocol.Replace("HTTP/", "", StringComparison.Ordinal));
            span.DisplayName = $"{context.Request.Method} {context.Request.Path}";
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                if ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } route)
                {
                    span.SetTag("http.route", route);
                    span.DisplayName = $"{context.Request.Method} {route}";
                }
                span.SetTag("http.response.status_code", context.Response.StatusCode);
                if (context.Response.StatusCode >= 500) span.SetStatus(ActivityStatusCode.Error);
            }
        });
        next(app);
    };
}
