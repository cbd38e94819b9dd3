using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Funding.Data.Configurations;

internal sealed class FundConfiguration : IEntityTypeConfiguration<FundEntity>
{
    public void Configure(EntityTypeBuilder<FundEntity> fund)
    {
        fund.ToTable("funds", table => table.HasCheckConstraint("ck_funds_amount_pence", "amount_pence > 0"));
        fund.HasKey(e => e.Id);
        fund.Property(e => e.Id).UseIdentityByDefaultColumn();
        // One per LA and id; ListFunds reads an LA's by id. Allocations refer to it by this key.
        fund.HasAlternateKey(e => new { e.LocalAuthorityCode, e.FundId });
        fund.Property(e => e.LocalAuthorityCode).UseCollation("C");
        fund.Property(e => e.FundId).UseCollation("C");
        fund.Property(e => e.Source).HasConversion<string>();
        fund.Property(e => e.Version).IsRowVersion();
    }
}
