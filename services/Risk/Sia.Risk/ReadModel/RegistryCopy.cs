using Microsoft.EntityFrameworkCore;
using Sia.Risk.Data;
using Sia.Risk.Data.ReadModel;
using Sia.Risk.Domain;

namespace Sia.Risk.ReadModel;

/// <summary>What the risk service knows of the registry, read from its own copy: no call to the registry.</summary>
internal sealed class RegistryCopy(RiskDbContext db)
{
    /// <summary>The school with its alliance memberships; null if the registry has not (yet) shown it.</summary>
    public Task<RegistrySchoolEntity?> FindSchoolAsync(int urn, CancellationToken cancellationToken) =>
        db.RegistrySchools.AsNoTracking().Include(s => s.AllianceMemberships).SingleOrDefaultAsync(s => s.Urn == urn, cancellationToken);

    /// <summary>Those of these schools the copy holds, with their alliance memberships, in one query.</summary>
    public async Task<List<RegistrySchoolEntity>> FindSchoolsAsync(IReadOnlyCollection<int> urns, CancellationToken cancellationToken) =>
        await db.RegistrySchools.AsNoTracking().Include(s => s.AllianceMemberships).Where(s => urns.Contains(s.Urn)).ToListAsync(cancellationToken);

    /// <summary>Whether each of these alliances and system leaders can be deployed, by name; one the copy does not hold is left out.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> FindProvidersAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        await db.RegistryProviders.AsNoTracking().Where(p => names.Contains(p.Name)).ToDictionaryAsync(p => p.Name, p => p.Active, cancellationToken);

    /// <summary>The school's latest inspection on or before the date (the later recorded of two on one day); null for none.</summary>
    public async Task<InspectionFacts?> LatestInspectionAsync(int urn, DateOnly onOrBefore, CancellationToken cancellationToken) =>
        (await db.RegistryInspections.AsNoTracking()
            .Where(i => i.Urn == urn && i.InspectionDate <= onOrBefore)
            .OrderByDescending(i => i.InspectionDate).ThenByDescending(i => i.Id)
            .FirstOrDefaultAsync(cancellationToken))?.ToFacts();
}
