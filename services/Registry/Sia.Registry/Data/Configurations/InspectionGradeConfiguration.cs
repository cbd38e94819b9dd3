using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

internal sealed class InspectionGradeConfiguration : IEntityTypeConfiguration<InspectionGradeEntity>
{
    public void Configure(EntityTypeBuilder<InspectionGradeEntity> grade)
    {
        grade.ToTable("inspection_grades");
        grade.HasKey(e => new { e.InspectionId, e.Area });
    }
}
