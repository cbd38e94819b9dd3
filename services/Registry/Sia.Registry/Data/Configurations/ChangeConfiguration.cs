using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Registry.Data.Configurations;

internal sealed class ChangeConfiguration : IEntityTypeConfiguration<ChangeEntity>
{
    public void Configure(EntityTypeBuilder<ChangeEntity> change)
    {
        change.ToTable("changes");
        change.HasKey(e => e.Sequence);
        change.Property(e => e.Sequence).UseIdentityByDefaultColumn();
    }
}
