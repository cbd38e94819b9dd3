using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

/// <summary>Schools, with an index for each ListSchools filter (keyset paging by URN) and LAESTAB unique among open schools.</summary>
internal sealed class SchoolConfiguration : IEntityTypeConfiguration<SchoolEntity>
{
    public void Configure(EntityTypeBuilder<SchoolEntity> school)
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
        school.HasIndex(e => e.Laestab).IsUnique().HasFilter($"status_code <> {RegistryDbContext.ClosedStatusCode}").HasDatabaseName(RegistryDbContext.OpenLaestabIndex);
    }
}
