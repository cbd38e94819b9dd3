using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Cpd.Data.Configurations;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<ProgrammeEntity>
{
    public void Configure(EntityTypeBuilder<ProgrammeEntity> programme)
    {
        programme.ToTable("programmes", table =>
        {
            table.HasCheckConstraint("ck_programmes_free_cancellation_working_days", "free_cancellation_working_days BETWEEN 0 AND 60");
            table.HasCheckConstraint("ck_programmes_late_cancellation_fee_pence", "late_cancellation_fee_pence >= 0");
        });
        programme.HasKey(e => e.Id);
        programme.Property(e => e.Id).UseIdentityByDefaultColumn();
        // One per alliance and year; ListProgrammes reads an alliance's by year. Courses refer to it by this key.
        programme.HasAlternateKey(e => new { e.AllianceId, e.AcademicYear });
        programme.Property(e => e.AllianceId).UseCollation("C");
        programme.Property(e => e.Version).IsRowVersion();
    }
}
