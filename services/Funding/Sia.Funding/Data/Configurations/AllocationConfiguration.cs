using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Funding.Data.Configurations;

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<AllocationEntity>
{
    public void Configure(EntityTypeBuilder<AllocationEntity> allocation)
    {
        allocation.ToTable("allocations", table => table.HasCheckConstraint("ck_allocations_amount_pence", "amount_pence > 0"));
        allocation.HasKey(e => e.Id);
        allocation.Property(e => e.Id).UseIdentityByDefaultColumn();
        // One per fund and id; ListAllocations reads a fund's by id.
        allocation.HasAlternateKey(e => new { e.LocalAuthorityCode, e.FundId, e.AllocationId });
        allocation.Property(e => e.LocalAuthorityCode).UseCollation("C");
        allocation.Property(e => e.FundId).UseCollation("C");
        allocation.Property(e => e.AllocationId).UseCollation("C");
        allocation.HasOne<FundEntity>().WithMany().HasForeignKey(e => new { e.LocalAuthorityCode, e.FundId })
            .HasPrincipalKey(f => new { f.LocalAuthorityCode, f.FundId }).OnDelete(DeleteBehavior.Restrict);
    }
}
