using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Cpd.Data.Configurations;

internal sealed class BookingChangeConfiguration : IEntityTypeConfiguration<BookingChangeEntity>
{
    public void Configure(EntityTypeBuilder<BookingChangeEntity> change)
    {
        change.ToTable("booking_changes");
        change.HasKey(e => e.Id);
        change.Property(e => e.Id).UseIdentityByDefaultColumn();
        // The writing transaction's id, as a bigint (xid8 fits until 2^63).
        change.Property(e => e.TransactionId).HasDefaultValueSql("pg_current_xact_id()::text::bigint").ValueGeneratedOnAdd();
        change.Property(e => e.AllianceId).UseCollation("C");
        change.Property(e => e.CourseId).UseCollation("C");
        change.Property(e => e.SessionId).UseCollation("C");
        change.Property(e => e.BookingId).UseCollation("C");
        change.HasIndex(e => new { e.AllianceId, e.TransactionId, e.Id });
        change.HasOne(e => e.Booking).WithMany()
            .HasForeignKey(e => new { e.AllianceId, e.AcademicYear, e.CourseId, e.SessionId, e.BookingId })
            .HasPrincipalKey(b => new { b.AllianceId, b.AcademicYear, b.CourseId, b.SessionId, b.BookingId })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
