using Microsoft.Extensions.Options;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Bookings;
using Sia.Registry.V1;

namespace Sia.Cpd.Registry;

internal static class RegistryExtensions
{
    /// <summary>
    /// The registry's AllianceService client (Cpd:Registry:Address, resolved by service discovery, with ServiceDefaults'
    /// standard resilience, which suits a unary question) and what the catalogue asks through it.
    /// </summary>
    public static void AddRegistryClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Address.IsAbsoluteUri, $"{RegistryOptions.Section}:Address must be an absolute URL, such as http://registry.")
            .ValidateOnStart();
        builder.Services.AddGrpcClient<AllianceService.AllianceServiceClient>((services, client) =>
            client.Address = services.GetRequiredService<IOptions<RegistryOptions>>().Value.Address);
        builder.Services.AddGrpcClient<SchoolService.SchoolServiceClient>((services, client) =>
            client.Address = services.GetRequiredService<IOptions<RegistryOptions>>().Value.Address);
        builder.Services.AddScoped<IAllianceRegistry, RegistryAlliances>();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ISchoolRegistry, RegistrySchools>();
    }
}
