using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.Configurations;

internal sealed class FrameworkConfiguration : IEntityTypeConfiguration<FrameworkEntity>
{
    public void Configure(EntityTypeBuilder<FrameworkEntity> framework)
    {
        framework.ToTable("frameworks");
        framework.HasKey(e => e.Id);
        framework.Property(e => e.Id).UseIdentityByDefaultColumn();
        framework.HasIndex(e => new { e.LaCode, e.AcademicYear }).IsUnique();
        framework.Property(e => e.Definition).IsJson();
        framework.Property(e => e.Version).IsRowVersion();
    }
}

internal sealed class FrameworkRevisionConfiguration : IEntityTypeConfiguration<FrameworkRevisionEntity>
{
    public void Configure(EntityTypeBuilder<FrameworkRevisionEntity> revision)
    {
        revision.ToTable("framework_revisions");
        revision.HasKey(e => new { e.FrameworkId, e.Revision });
        revision.HasOne<FrameworkEntity>().WithMany().HasForeignKey(e => e.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        revision.Property(e => e.Definition).IsJson();
    }
}
