using Microsoft.EntityFrameworkCore;
using Sia.Registry.Data.Configurations;
using Sia.Registry.Domain;
using Sia.ServiceKit.Data;

namespace Sia.Registry.Data;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    /// <summary>GIAS status code of a closed school; LAESTAB is unique only among schools not closed.</summary>
    public const int ClosedStatusCode = 2;

    /// <summary>The unique index on LAESTAB among schools not closed.</summary>
    public const string OpenLaestabIndex = "ux_schools_open_laestab";

    /// <summary>The unique index that lets a school have only one open-ended membership of an alliance.</summary>
    public const string OpenMembershipIndex = "ux_alliance_memberships_open";

    public DbSet<LocalAuthorityEntity> LocalAuthorities => Set<LocalAuthorityEntity>();
    public DbSet<SchoolEntity> Schools => Set<SchoolEntity>();
    public DbSet<CreateRequestEntity> CreateRequests => Set<CreateRequestEntity>();
    public DbSet<ChangeEntity> Changes => Set<ChangeEntity>();
    public DbSet<InspectionEntity> Inspections => Set<InspectionEntity>();
    public DbSet<ClusterEntity> Clusters => Set<ClusterEntity>();
    public DbSet<AllianceEntity> Alliances => Set<AllianceEntity>();
    public DbSet<AllianceMembershipEntity> AllianceMemberships => Set<AllianceMembershipEntity>();
    public DbSet<SystemLeaderEntity> SystemLeaders => Set<SystemLeaderEntity>();

    /// <summary>
    /// Saves, logging a change for every resource created or updated, in the same transaction (a membership
    /// change is logged as a change of its school, which shows its memberships; a recorded inspection as itself, with
    /// its grades, as well as the change of its school's latest inspection that usually comes with it). Writers of changes take one
    /// transaction-scoped advisory lock, so change sequence numbers are in commit order and a reader that has
    /// seen change N can never later find an earlier one committed; and they NOTIFY the change log's channel, which
    /// PostgreSQL delivers to every registry's change log listener (<see cref="ChangeLogCommits"/>) when (and only if) the transaction commits.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity is not ChangeEntity)
            .Select(e => (e.Entity, Type: e.State == EntityState.Added ? ChangeEntity.Created : ChangeEntity.Updated))
            .ToList();
        if (!changed.Any(c => IsLogged(c.Entity))) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChangeLogLockId}); NOTIFY {ChangeLogCommits.Channel}", cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Names are read after saving, once the database has assigned generated ids.
        var now = DateTime.UtcNow;
        Changes.AddRange(changed
            .Select(c => ChangeOf(c.Entity, c.Type))
            .OfType<(string Name, string Type)>()
            .Distinct()
            .Select(c => new ChangeEntity { ResourceName = c.Name, ChangeType = c.Type, ChangeTime = now }));
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    internal const long ChangeLogLockId = 0x5141_0001;

    private static bool IsLogged(object entity) => ChangeOf(entity, ChangeEntity.Updated) is not null;

    private static (string Name, string Type)? ChangeOf(object entity, string type) => entity switch
    {
        SchoolEntity school => (ResourceNames.School(school.Urn), type),
        LocalAuthorityEntity la => (ResourceNames.LocalAuthority(la.Code), type),
        ClusterEntity cluster => (ResourceNames.Cluster(cluster.LaCode, cluster.ClusterId), type),
        AllianceEntity alliance => (ResourceNames.Alliance(alliance.AllianceId), type),
        AllianceMembershipEntity membership => (ResourceNames.School(membership.Urn), ChangeEntity.Updated),
        SystemLeaderEntity leader => (ResourceNames.SystemLeader(leader.Id), type),
        InspectionEntity inspection => (ResourceNames.Inspection(inspection.Urn, inspection.Id), type),
        _ => null,
    };

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new LocalAuthorityConfiguration());
        model.ApplyConfiguration(new SchoolConfiguration());
        model.ApplyConfiguration(new ClusterConfiguration());
        model.ApplyConfiguration(new AllianceConfiguration());
        model.ApplyConfiguration(new AllianceMembershipConfiguration());
        model.ApplyConfiguration(new SystemLeaderConfiguration());
        model.ApplyConfiguration(new InspectionConfiguration());
        model.ApplyConfiguration(new InspectionGradeConfiguration());
        model.ApplyConfiguration(new ChangeConfiguration());
        model.ApplyConfiguration(new CreateRequestConfiguration());
        SnakeCaseNames.Apply(model);
    }
}
