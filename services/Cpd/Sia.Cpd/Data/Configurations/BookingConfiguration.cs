using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Cpd.Data.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<BookingEntity>
{
    public void Configure(EntityTypeBuilder<BookingEntity> booking)
    {
        booking.ToTable("bookings", table =>
        {
            table.HasCheckConstraint("ck_bookings_places", "places >= 1");
            table.HasCheckConstraint("ck_bookings_price", "price_pence >= 0");
            table.HasCheckConstraint("ck_bookings_funded", "funded_places BETWEEN 0 AND places AND (fund IS NULL) = (funded_places = 0) AND funded_pence >= 0");
            table.HasCheckConstraint("ck_bookings_held", "(state = 1) = (hold_expire_time IS NOT NULL)");
            table.HasCheckConstraint("ck_bookings_waiting", "(state = 3) = (waiting_position >= 1)");
            table.HasCheckConstraint("ck_bookings_cancellation_fee", "cancellation_fee_pence = 0 OR (cancellation_fee_pence > 0 AND state = 4)");
            table.HasCheckConstraint("ck_bookings_attendance", "(state IN (5, 6)) = (attendance_record_time IS NOT NULL)");
        });
        booking.HasKey(e => e.Id);
        booking.Property(e => e.Id).UseIdentityByDefaultColumn();
        booking.HasIndex(e => new { e.AllianceId, e.AcademicYear, e.CourseId, e.SessionId, e.BookingId }).IsUnique();
        // Every booking operation reads a session's live bookings (held, confirmed, waiting, attended, no-show).
        booking.HasIndex(e => new { e.AllianceId, e.AcademicYear, e.CourseId, e.SessionId, e.State });
        // The sweep for lapsed holds (HoldSweeper).
        booking.HasIndex(e => e.HoldExpireTime).HasFilter("state = 1");
        booking.HasOne<SessionEntity>().WithMany()
            .HasForeignKey(e => new { e.AllianceId, e.AcademicYear, e.CourseId, e.SessionId })
            .HasPrincipalKey(s => new { s.AllianceId, s.AcademicYear, s.CourseId, s.SessionId })
            .OnDelete(DeleteBehavior.Restrict);
        booking.Property(e => e.AllianceId).UseCollation("C");
        booking.Property(e => e.CourseId).UseCollation("C");
        booking.Property(e => e.SessionId).UseCollation("C");
        booking.Property(e => e.BookingId).UseCollation("C");
        booking.Property(e => e.Delegates).HasColumnType("jsonb");
        booking.Property(e => e.Version).IsRowVersion();
    }
}
