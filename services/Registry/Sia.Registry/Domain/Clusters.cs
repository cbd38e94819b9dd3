using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>An LA's locality groups of schools, by an id the LA chooses: read, listed by id, created.</summary>
internal sealed class Clusters(RegistryDbContext db, TimeProvider clock)
{
    public async Task<ClusterEntity> GetAsync(string laCode, string clusterId, CancellationToken cancellationToken) =>
        await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.LaCode == laCode && c.ClusterId == clusterId, cancellationToken)
        ?? throw new NotFoundException(ResourceNames.Cluster(laCode, clusterId));

    public Task<Page<ClusterEntity>> ListAsync(string laCode, string? afterId, int size, CancellationToken cancellationToken)
    {
        var query = db.Clusters.AsNoTracking().Where(c => c.LaCode == laCode);
        if (afterId is not null) query = query.Where(c => string.Compare(c.ClusterId, afterId) > 0);
        return query.OrderBy(c => c.ClusterId).ToPageAsync(size, cancellationToken);
    }

    /// <summary>Creates a cluster in an existing local authority.</summary>
    public async Task<ClusterEntity> CreateAsync(string laCode, string clusterId, string? displayName, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        if (!ResourceNames.IsValidChosenId(clusterId))
            violations.Add("cluster_id", $"{TextChecks.Quote(clusterId)} is not a cluster id: {ResourceNames.ChosenIdRule}.");
        if (string.IsNullOrWhiteSpace(displayName)) violations.Add("cluster.display_name", "A cluster needs a name.");
        else TextLimits.Check(displayName, TextLimits.Name, "cluster.display_name", violations);
        violations.ThrowIfAny();
        if (!await db.LocalAuthorities.AnyAsync(la => la.Code == laCode, cancellationToken)) throw new NotFoundException(ResourceNames.LocalAuthority(laCode));

        var entity = new ClusterEntity { LaCode = laCode, ClusterId = clusterId, DisplayName = displayName!.Trim(), CreateTime = clock.UtcNowForDatabase() };
        db.Clusters.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new AlreadyExistsException(ResourceNames.Cluster(laCode, clusterId));
        }
        return entity;
    }
}
