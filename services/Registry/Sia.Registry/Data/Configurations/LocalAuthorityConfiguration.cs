using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

internal sealed class LocalAuthorityConfiguration : IEntityTypeConfiguration<LocalAuthorityEntity>
{
    public void Configure(EntityTypeBuilder<LocalAuthorityEntity> la)
    {
        la.ToTable("local_authorities");
        la.HasKey(e => e.Code);
        la.Property(e => e.Version).IsRowVersion();
    }
}
