using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

internal sealed class AllianceMembershipConfiguration : IEntityTypeConfiguration<AllianceMembershipEntity>
{
    public void Configure(EntityTypeBuilder<AllianceMembershipEntity> membership)
    {
        membership.ToTable("alliance_memberships");
        membership.HasKey(e => e.Id);
        membership.Property(e => e.Id).UseIdentityByDefaultColumn();
        membership.Property(e => e.Version).IsRowVersion();
        membership.HasOne<AllianceEntity>().WithMany().HasForeignKey(e => e.AllianceId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne<SchoolEntity>().WithMany(s => s.AllianceMemberships).HasForeignKey(e => e.Urn).OnDelete(DeleteBehavior.Restrict);
        membership.HasIndex(e => new { e.AllianceId, e.Urn });
        membership.HasIndex(e => new { e.AllianceId, e.Urn }, RegistryDbContext.OpenMembershipIndex).IsUnique().HasFilter("leave_date IS NULL");
    }
}
