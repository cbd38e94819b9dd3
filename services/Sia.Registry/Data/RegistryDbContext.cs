using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Sia.Registry.Data;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    /// <summary>GIAS status code of a closed school; LAESTAB is unique only among schools not closed.</summary>
    public const int ClosedStatusCode = 2;

    public DbSet<LocalAuthorityEntity> LocalAuthorities => Set<LocalAuthorityEntity>();
    public DbSet<SchoolEntity> Schools => Set<SchoolEntity>();
    public DbSet<CreateRequestEntity> CreateRequests => Set<CreateRequestEntity>();

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
            school.HasIndex(e => new { e.EstablishmentTypeGroupCode, e.Urn });
            school.HasIndex(e => new { e.StatusCode, e.Urn });
            school.HasIndex(e => e.Laestab).IsUnique().HasFilter($"status_code <> {ClosedStatusCode}").HasDatabaseName("ux_schools_open_laestab");
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
