using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.ReadModel.Configurations;

internal sealed class RegistrySchoolConfiguration : IEntityTypeConfiguration<RegistrySchoolEntity>
{
    public void Configure(EntityTypeBuilder<RegistrySchoolEntity> school)
    {
        school.ToTable("registry_schools");
        school.HasKey(e => e.Urn);
        school.Property(e => e.Urn).ValueGeneratedNever();
        school.HasIndex(e => new { e.LaCode, e.Urn });
        school.HasMany(e => e.AllianceMemberships).WithOne().HasForeignKey(e => e.Urn).OnDelete(DeleteBehavior.Cascade);
    }
}
