using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sia.Risk.Data.Configurations;

namespace Sia.Risk.Data.ReadModel.Configurations;

internal sealed class RegistryInspectionConfiguration : IEntityTypeConfiguration<RegistryInspectionEntity>
{
    public void Configure(EntityTypeBuilder<RegistryInspectionEntity> inspection)
    {
        inspection.ToTable("registry_inspections");
        inspection.HasKey(e => e.Id);
        inspection.Property(e => e.Id).ValueGeneratedNever();
        // A school's latest inspection on or before a date.
        inspection.HasIndex(e => new { e.Urn, e.InspectionDate });
        inspection.Property(e => e.KeyJudgements).IsJson();
        inspection.Property(e => e.ReportCardAreas).IsJson();
    }
}
