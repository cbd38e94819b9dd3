using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.ReadModel.Configurations;

internal sealed class InspectionRecordedConfiguration : IEntityTypeConfiguration<InspectionRecordedEntity>
{
    public void Configure(EntityTypeBuilder<InspectionRecordedEntity> recorded)
    {
        recorded.ToTable("inspections_recorded");
        recorded.HasKey(e => e.Id);
        recorded.Property(e => e.Id).UseIdentityByDefaultColumn();
        // The records still waiting, oldest first.
        recorded.HasIndex(e => e.Id).HasFilter("recompute_time IS NULL").HasDatabaseName("ix_inspections_recorded_waiting");
    }
}
