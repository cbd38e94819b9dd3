using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Funding.Data.Configurations;

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLineEntity>
{
    public void Configure(EntityTypeBuilder<JournalLineEntity> line)
    {
        line.ToTable("journal_lines", table => table.HasCheckConstraint("ck_journal_lines_amount_pence", "amount_pence <> 0"));
        line.HasKey(e => e.Id);
        line.Property(e => e.Id).UseIdentityByDefaultColumn();
        line.Property(e => e.Account).UseCollation("C");
        // Rebuilding a balance sums its account's lines.
        line.HasIndex(e => e.Account);
    }
}
