using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.Configurations;

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValueEntity>
{
    public void Configure(EntityTypeBuilder<IndicatorValueEntity> value)
    {
        value.ToTable("indicator_values");
        value.HasKey(e => new { e.Urn, e.Indicator, e.AcademicYear });
    }
}
