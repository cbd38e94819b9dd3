using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<InspectionEntity>
{
    public void Configure(EntityTypeBuilder<InspectionEntity> inspection)
    {
        inspection.ToTable("inspections");
        inspection.HasKey(e => e.Id);
        inspection.Property(e => e.Id).UseIdentityByDefaultColumn();
        inspection.HasOne<SchoolEntity>().WithMany().HasForeignKey(e => e.Urn).OnDelete(DeleteBehavior.Restrict);
        inspection.HasIndex(e => new { e.Urn, e.InspectionDate, e.Id });
        inspection.HasMany(e => e.Grades).WithOne().HasForeignKey(g => g.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
