using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Cpd.Data.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<CourseEntity>
{
    public void Configure(EntityTypeBuilder<CourseEntity> course)
    {
        course.ToTable("courses");
        course.HasKey(e => e.Id);
        course.Property(e => e.Id).UseIdentityByDefaultColumn();
        // Unique in its programme; ListCourses reads a programme's by id. Sessions refer to it by this key.
        course.HasAlternateKey(e => new { e.AllianceId, e.AcademicYear, e.CourseId });
        course.HasOne<ProgrammeEntity>().WithMany()
            .HasForeignKey(e => new { e.AllianceId, e.AcademicYear })
            .HasPrincipalKey(p => new { p.AllianceId, p.AcademicYear })
            .OnDelete(DeleteBehavior.Restrict);
        // Ids sort in ordinal order, whatever the database's default collation.
        course.Property(e => e.AllianceId).UseCollation("C");
        course.Property(e => e.CourseId).UseCollation("C");
        course.Property(e => e.Version).IsRowVersion();
    }
}
