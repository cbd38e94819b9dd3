using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

internal sealed class SystemLeaderConfiguration : IEntityTypeConfiguration<SystemLeaderEntity>
{
    public void Configure(EntityTypeBuilder<SystemLeaderEntity> leader)
    {
        leader.ToTable("system_leaders");
        leader.HasKey(e => e.Id);
        leader.Property(e => e.Id).UseIdentityByDefaultColumn();
        leader.Property(e => e.Version).IsRowVersion();
        leader.HasOne<SchoolEntity>().WithMany().HasForeignKey(e => e.HomeUrn).OnDelete(DeleteBehavior.Restrict);
        leader.HasOne<AllianceEntity>().WithMany().HasForeignKey(e => e.AllianceId).OnDelete(DeleteBehavior.Restrict);
    }
}
