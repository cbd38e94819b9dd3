using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sia.ServiceDefaults;

namespace Sia.ServiceDefaults;

internal static class CallingPartnerVerification
{
    /// <summary>
    /// With Gateway:PartnerSigningKey set (at least 32 bytes, else the service does not start), every gRPC call's
    /// x-sia-partner headers are verified (<see cref="CallingPartnerInterceptor"/>). Without it they are ignored and no call
    /// has a partner: services that never act on the partner need not hold the gateway's secret, and one that does fails
    /// closed (it sees no partner) rather than trusting a name nobody checked.
    /// </summary>
    public static void AddCallingPartnerVerification(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[PartnerHeaders.SigningKeyConfigKey] is not { Length: > 0 } configured) return;
        var key = PartnerHeaders.Key(configured);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new CallingPartnerInterceptor(
            key, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<CallingPartnerInterceptor>>()));
        builder.Services.AddGrpc(options => options.Interceptors.Add<CallingPartnerInterceptor>());
    }
}
