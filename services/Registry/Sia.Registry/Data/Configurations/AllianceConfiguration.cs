using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

internal sealed class AllianceConfiguration : IEntityTypeConfiguration<AllianceEntity>
{
    public void Configure(EntityTypeBuilder<AllianceEntity> alliance)
    {
        alliance.ToTable("alliances");
        alliance.HasKey(e => e.AllianceId);
        alliance.Property(e => e.Version).IsRowVersion();
        alliance.HasOne<SchoolEntity>().WithMany().HasForeignKey(e => e.LeadUrn).OnDelete(DeleteBehavior.Restrict);
    }
}
