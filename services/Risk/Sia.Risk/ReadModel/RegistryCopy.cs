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
        (await LatestInspectionsAsync([urn], onOrBefore, cancellationToken)).GetValueOrDefault(urn);

    /// <summary>
    /// Each school's latest inspection on or before the date (the later recorded of two on one day), by URN; a school with
    /// none is left out. One query for them all (DISTINCT ON over the index on urn and inspection date).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, InspectionFacts>> LatestInspectionsAsync(IReadOnlyCollection<int> urns, DateOnly onOrBefore,
        CancellationToken cancellationToken)
    {
        var list = urns as int[] ?? [.. urns];
        return (await db.RegistryInspections
                .FromSql($"SELECT DISTINCT ON (urn) * FROM registry_inspections WHERE urn = ANY({list}) AND inspection_date <= {onOrBefore} ORDER BY urn, inspection_date DESC, id DESC")
                .AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(i => i.Urn, i => i.ToFacts());
    }

    /// <summary>
    /// Up to <paramref name="size"/> schools after URN <paramref name="afterUrn"/>, in URN order: of one LA, or of every LA
    /// when <paramref name="laCode"/> is null. A keyset page, for going through many schools a batch at a time.
    /// </summary>
    public Task<List<RegistrySchoolEntity>> SchoolsAfterAsync(string? laCode, int afterUrn, int size, CancellationToken cancellationToken)
    {
        var query = db.RegistrySchools.AsNoTracking().Where(s => s.Urn > afterUrn);
        if (laCode is not null) query = query.Where(s => s.LaCode == laCode);
        return query.OrderBy(s => s.Urn).Take(size).ToListAsync(cancellationToken);
    }
}
