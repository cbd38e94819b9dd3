using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Sia.Registry.Data;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    /// <summary>GIAS status code of a closed school; LAESTAB is unique only among schools not closed.</summary>
    public const int ClosedStatusCode = 2;

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
    /// change is logged as a change of its school, which shows its memberships). Writers of changes take one
    /// transaction-scoped advisory lock, so change sequence numbers are in commit order and a reader that has
    /// seen change N can never later find an earlier one committed.
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
        await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChangeLogLockId})", cancellationToken);
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

    private const long ChangeLogLockId = 0x5141_0001;

    private static bool IsLogged(object entity) => ChangeOf(entity, ChangeEntity.Updated) is not null;

    private static (string Name, string Type)? ChangeOf(object entity, string type) => entity switch
    {
        SchoolEntity school => (Api.ResourceNames.School(school.Urn), type),
        LocalAuthorityEntity la => (Api.ResourceNames.LocalAuthority(la.Code), type),
        ClusterEntity cluster => (Api.ResourceNames.Cluster(cluster.LaCode, cluster.ClusterId), type),
        AllianceEntity alliance => (Api.ResourceNames.Alliance(alliance.AllianceId), type),
        AllianceMembershipEntity membership => (Api.ResourceNames.School(membership.Urn), ChangeEntity.Updated),
        SystemLeaderEntity leader => (Api.ResourceNames.SystemLeader(leader.Id), type),
        _ => null,
    };

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<LocalAuthorityEntity>(la =>
        {
            la.ToTable("local_authorities");
            la.HasKey(e => e.Code);
            la.Property(e => e.Version).IsRowVersion();
        });

        model.Entity<SchoolEntity>(school =>
        {
            school.ToTable("schools");
            school.HasKey(e => e.Urn);
            school.Property(e => e.Urn).ValueGeneratedNever();
            school.Property(e => e.FreeSchoolMealsPercentage).HasPrecision(4, 1);
            school.Property(e => e.Version).IsRowVersion();
            school.HasOne<LocalAuthorityEntity>().WithMany().HasForeignKey(e => e.LaCode).OnDelete(DeleteBehavior.Restrict);
            school.HasIndex(e => new { e.LaCode, e.Urn });
            school.HasIndex(e => new { e.PhaseOfEducationCode, e.Urn });
            school.HasIndex(e => new { e.LaCode, e.PhaseOfEducationCode, e.Urn });
            school.HasIndex(e => new { e.EstablishmentTypeGroupCode, e.Urn });
            school.HasIndex(e => new { e.StatusCode, e.Urn });
            school.HasOne<ClusterEntity>().WithMany().HasForeignKey(e => new { e.LaCode, e.ClusterId }).OnDelete(DeleteBehavior.Restrict);
            school.HasIndex(e => new { e.LaCode, e.ClusterId, e.Urn });
            school.HasIndex(e => new { e.LatestOverallGrade, e.Urn });
            school.HasIndex(e => new { e.LatestInspectionDate, e.Urn });
            school.HasIndex(e => e.Laestab).IsUnique().HasFilter($"status_code <> {ClosedStatusCode}").HasDatabaseName("ux_schools_open_laestab");
        });

        model.Entity<ClusterEntity>(cluster =>
        {
            cluster.ToTable("clusters");
            cluster.HasKey(e => new { e.LaCode, e.ClusterId });
            cluster.Property(e => e.Version).IsRowVersion();
            cluster.HasOne<LocalAuthorityEntity>().WithMany().HasForeignKey(e => e.LaCode).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<AllianceEntity>(alliance =>
        {
            alliance.ToTable("alliances");
            alliance.HasKey(e => e.AllianceId);
            alliance.Property(e => e.Version).IsRowVersion();
            alliance.HasOne<SchoolEntity>().WithMany().HasForeignKey(e => e.LeadUrn).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<AllianceMembershipEntity>(membership =>
        {
            membership.ToTable("alliance_memberships");
            membership.HasKey(e => e.Id);
            membership.Property(e => e.Id).UseIdentityByDefaultColumn();
            membership.Property(e => e.Version).IsRowVersion();
            membership.HasOne<AllianceEntity>().WithMany().HasForeignKey(e => e.AllianceId).OnDelete(DeleteBehavior.Restrict);
            membership.HasOne<SchoolEntity>().WithMany(s => s.AllianceMemberships).HasForeignKey(e => e.Urn).OnDelete(DeleteBehavior.Restrict);
            membership.HasIndex(e => new { e.AllianceId, e.Urn });
            membership.HasIndex(e => new { e.AllianceId, e.Urn }, OpenMembershipIndex).IsUnique().HasFilter("leave_date IS NULL");
        });

        model.Entity<SystemLeaderEntity>(leader =>
        {
            leader.ToTable("system_leaders");
            leader.HasKey(e => e.Id);
            leader.Property(e => e.Id).UseIdentityByDefaultColumn();
            leader.Property(e => e.Version).IsRowVersion();
            leader.HasOne<SchoolEntity>().WithMany().HasForeignKey(e => e.HomeUrn).OnDelete(DeleteBehavior.Restrict);
            leader.HasOne<AllianceEntity>().WithMany().HasForeignKey(e => e.AllianceId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<InspectionEntity>(inspection =>
        {
            inspection.ToTable("inspections");
            inspection.HasKey(e => e.Id);
            inspection.Property(e => e.Id).UseIdentityByDefaultColumn();
            inspection.HasOne<SchoolEntity>().WithMany().HasForeignKey(e => e.Urn).OnDelete(DeleteBehavior.Restrict);
            inspection.HasIndex(e => new { e.Urn, e.InspectionDate, e.Id });
            inspection.HasMany(e => e.Grades).WithOne().HasForeignKey(g => g.InspectionId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<InspectionGradeEntity>(grade =>
        {
            grade.ToTable("inspection_grades");
            grade.HasKey(e => new { e.InspectionId, e.Area });
        });

        model.Entity<ChangeEntity>(change =>
        {
            change.ToTable("changes");
            change.HasKey(e => e.Sequence);
            change.Property(e => e.Sequence).UseIdentityByDefaultColumn();
        });

        model.Entity<CreateRequestEntity>(request =>
        {
            request.ToTable("create_requests");
            request.HasKey(e => e.RequestId);
        });

        UseSnakeCaseNames(model);
    }

    /// <summary>Columns, keys and indexes named the PostgreSQL way (la_code, ix_schools_la_code_urn).</summary>
    private static void UseSnakeCaseNames(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                if (property.IsConcurrencyToken && property.ClrType == typeof(uint)) continue; // xmin keeps its name
                property.SetColumnName(SnakeCase(property.Name));
            }
            entity.FindPrimaryKey()!.SetName($"pk_{table}");
            foreach (var key in entity.GetForeignKeys())
            {
                key.SetConstraintName($"fk_{table}_{string.Join("_", key.Properties.Select(p => SnakeCase(p.Name)))}");
            }
            foreach (var index in entity.GetIndexes().Where(i => i.GetDatabaseName() is null || i.GetDatabaseName()!.StartsWith("IX_", StringComparison.Ordinal)))
            {
                index.SetDatabaseName($"ix_{table}_{string.Join("_", index.Properties.Select(p => SnakeCase(p.Name)))}");
            }
        }
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
