namespace Sia.Cpd.Domain;

/// <summary>What the catalogue asks of the registry: whether it has an alliance. Registry/RegistryAlliances asks it over gRPC.</summary>
internal interface IAllianceRegistry
{
    /// <summary>True if the registry has the alliance; throws when the registry cannot be asked.</summary>
    Task<bool> HasAllianceAsync(string allianceId, CancellationToken cancellationToken);
}
