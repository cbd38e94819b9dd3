using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.Configurations;

internal sealed class PriorityConfiguration : IEntityTypeConfiguration<PriorityEntity>
{
    public void Configure(EntityTypeBuilder<PriorityEntity> priority)
    {
        priority.ToTable("priorities");
        priority.HasKey(e => e.Id);
        priority.Property(e => e.Id).UseIdentityByDefaultColumn();
        priority.HasIndex(e => new { e.Owner, e.PriorityId }).IsUnique();
        // Ids sort in ordinal order ("good-or-better" before "goodwill"), whatever the database's default collation.
        priority.Property(e => e.PriorityId).UseCollation("C");
        // ListPriorities: an owner's, newest year first, then by id.
        priority.HasIndex(e => new { e.Owner, e.AcademicYear, e.PriorityId });
        priority.Property(e => e.Plan).IsJson();
        priority.Property(e => e.Version).IsRowVersion();
    }
}
