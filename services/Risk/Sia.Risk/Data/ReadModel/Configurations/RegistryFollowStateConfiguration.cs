using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.ReadModel.Configurations;

internal sealed class RegistryFollowStateConfiguration : IEntityTypeConfiguration<RegistryFollowStateEntity>
{
    public void Configure(EntityTypeBuilder<RegistryFollowStateEntity> state)
    {
        state.ToTable("registry_follow_state", table => table.HasCheckConstraint("ck_registry_follow_state_one_row", $"id = {RegistryFollowStateEntity.OnlyId}"));
        state.HasKey(e => e.Id);
        state.Property(e => e.Id).ValueGeneratedNever();
        // Saved only where the row still holds the token the batch continues from: a copy that advanced meanwhile (another
        // instance following the same database) fails the batch instead of applying its changes twice.
        state.Property(e => e.ResumeToken).IsConcurrencyToken();
    }
}
