using Grpc.Core;
using Microsoft.Extensions.Options;
using Sia.Cpd.Domain;
using Sia.Registry.V1;

namespace Sia.Cpd.Registry;

/// <summary>
/// Asks the registry's GetAlliance whether it has an alliance: NOT_FOUND is no; any other failure (the registry down,
/// slow past Cpd:Registry:Timeout, or refusing) is UNAVAILABLE to the caller, saying the registry could not be asked.
/// </summary>
internal sealed partial class RegistryAlliances(AllianceService.AllianceServiceClient client, IOptions<RegistryOptions> options, TimeProvider clock,
    ILogger<RegistryAlliances> logger) : IAllianceRegistry
{
    public async Task<bool> HasAllianceAsync(string allianceId, CancellationToken cancellationToken)
    {
        var name = CatalogueNames.Alliance(allianceId);
        try
        {
            await client.GetAllianceAsync(new GetAllianceRequest { Name = name }, deadline: clock.GetUtcNow().UtcDateTime + options.Value.Timeout,
                cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
        catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
        {
            RegistryNotAsked(logger, error, name, error.StatusCode);
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"The registry could not be asked whether it has {name} ({error.StatusCode}); nothing was created. Try again shortly."));
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The registry could not be asked whether it has {Alliance}: {StatusCode}")]
    private static partial void RegistryNotAsked(ILogger logger, Exception error, string alliance, StatusCode statusCode);
}
