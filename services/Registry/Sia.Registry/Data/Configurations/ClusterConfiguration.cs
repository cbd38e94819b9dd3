using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

internal sealed class ClusterConfiguration : IEntityTypeConfiguration<ClusterEntity>
{
    public void Configure(EntityTypeBuilder<ClusterEntity> cluster)
    {
        cluster.ToTable("clusters");
        cluster.HasKey(e => new { e.LaCode, e.ClusterId });
        cluster.Property(e => e.Version).IsRowVersion();
        cluster.HasOne<LocalAuthorityEntity>().WithMany().HasForeignKey(e => e.LaCode).OnDelete(DeleteBehavior.Restrict);
    }
}
