using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.ReadModel.Configurations;

internal sealed class RegistryAllianceMembershipConfiguration : IEntityTypeConfiguration<RegistryAllianceMembershipEntity>
{
    public void Configure(EntityTypeBuilder<RegistryAllianceMembershipEntity> membership)
    {
        membership.ToTable("registry_alliance_memberships");
        membership.HasKey(e => e.Name);
        membership.HasIndex(e => e.Urn);
        membership.HasIndex(e => e.Alliance);
    }
}
