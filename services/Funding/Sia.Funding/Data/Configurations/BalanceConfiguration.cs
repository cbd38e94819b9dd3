using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Funding.Data.Configurations;

internal sealed class BalanceConfiguration : IEntityTypeConfiguration<BalanceEntity>
{
    public void Configure(EntityTypeBuilder<BalanceEntity> balance)
    {
        // Only a fund's source account goes below zero (it gave the fund its money): a backstop to the fund lock, so that
        // no fund or allocation is ever overdrawn.
        balance.ToTable("balances", table => table.HasCheckConstraint("ck_balances_balance_pence", "balance_pence >= 0 OR account LIKE '%#source'"));
        balance.HasKey(e => e.Account);
        balance.Property(e => e.Account).UseCollation("C");
    }
}
