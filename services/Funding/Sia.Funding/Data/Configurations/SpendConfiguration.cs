using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Funding.Data.Configurations;

internal sealed class SpendConfiguration : IEntityTypeConfiguration<SpendEntity>
{
    public void Configure(EntityTypeBuilder<SpendEntity> spend)
    {
        spend.ToTable("spends", table => table.HasCheckConstraint("ck_spends_amount_pence", "amount_pence > 0"));
        spend.HasKey(e => e.Id);
        spend.Property(e => e.Id).UseIdentityByDefaultColumn();
        spend.HasOne<CommitmentEntity>().WithMany().HasForeignKey(e => e.CommitmentId).OnDelete(DeleteBehavior.Restrict);
        spend.HasIndex(e => e.RequestId).IsUnique();
    }
}
