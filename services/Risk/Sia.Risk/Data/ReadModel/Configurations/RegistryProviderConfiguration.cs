using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.ReadModel.Configurations;

internal sealed class RegistryProviderConfiguration : IEntityTypeConfiguration<RegistryProviderEntity>
{
    public void Configure(EntityTypeBuilder<RegistryProviderEntity> provider)
    {
        provider.ToTable("registry_providers");
        provider.HasKey(e => e.Name);
    }
}
