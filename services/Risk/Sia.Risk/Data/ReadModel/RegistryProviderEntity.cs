namespace Sia.Risk.Data.ReadModel;

/// <summary>
/// An alliance or a system leader as the registry last described it: who can provide a support plan's interventions.
/// Only its name and whether it can be deployed; never a leader's own name (personal data the risk service does not need).
/// </summary>
internal sealed class RegistryProviderEntity
{
    /// <summary>"alliances/{alliance_id}" or "systemLeaders/{id}".</summary>
    public required string Name { get; init; }

    /// <summary>An alliance is always; a system leader while the registry has it active.</summary>
    public bool Active { get; set; }
}
