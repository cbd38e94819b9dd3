using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Funding.Data.Configurations;

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<CommitmentEntity>
{
    public void Configure(EntityTypeBuilder<CommitmentEntity> commitment)
    {
        commitment.ToTable("commitments", table => table.HasCheckConstraint("ck_commitments_amount_pence", "amount_pence > 0"));
        commitment.HasKey(e => e.Id);
        commitment.Property(e => e.Id).UseIdentityByDefaultColumn();
        // One per allocation and id; ListCommitments reads an allocation's by id.
        commitment.HasAlternateKey(e => new { e.LocalAuthorityCode, e.FundId, e.AllocationId, e.CommitmentId });
        commitment.Property(e => e.LocalAuthorityCode).UseCollation("C");
        commitment.Property(e => e.FundId).UseCollation("C");
        commitment.Property(e => e.AllocationId).UseCollation("C");
        commitment.Property(e => e.CommitmentId).UseCollation("C");
        commitment.Property(e => e.Kind).HasConversion<string>();
        commitment.HasOne<AllocationEntity>().WithMany().HasForeignKey(e => new { e.LocalAuthorityCode, e.FundId, e.AllocationId })
            .HasPrincipalKey(a => new { a.LocalAuthorityCode, a.FundId, a.AllocationId }).OnDelete(DeleteBehavior.Restrict);
    }
}
