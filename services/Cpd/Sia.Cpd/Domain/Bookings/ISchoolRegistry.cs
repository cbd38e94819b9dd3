namespace Sia.Cpd.Domain.Bookings;

/// <summary>A school as the registry has it: its local authority, and whether it is open (GIAS status 1 or 3).</summary>
internal sealed record RegistrySchool(int Urn, string LocalAuthorityCode, bool Open)
{
    public string Name => $"schools/{Urn}";
}

/// <summary>What bookings ask of the registry. Registry/RegistrySchools asks it over gRPC.</summary>
internal interface ISchoolRegistry
{
    /// <summary>The school, or null if the registry has none with that URN; throws when the registry cannot be asked.</summary>
    Task<RegistrySchool?> FindSchoolAsync(int urn, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="allianceIds"/> the school is a member of on <paramref name="on"/>.</summary>
    Task<IReadOnlyList<string>> AlliancesOfAsync(int urn, IEnumerable<string> allianceIds, DateOnly on, CancellationToken cancellationToken);
}
