using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Funding.Data.Configurations;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntryEntity>
{
    public void Configure(EntityTypeBuilder<JournalEntryEntity> entry)
    {
        entry.ToTable("journal_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityByDefaultColumn();
        entry.Property(e => e.Kind).HasConversion<string>();
        entry.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
