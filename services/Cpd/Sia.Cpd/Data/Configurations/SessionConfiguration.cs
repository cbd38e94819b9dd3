using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Cpd.Data.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<SessionEntity>
{
    public void Configure(EntityTypeBuilder<SessionEntity> session)
    {
        // The rules the domain checks, kept by the database too: a place is never priced below nothing, a session never
        // has fewer than one place.
        session.ToTable("sessions", table =>
        {
            table.HasCheckConstraint("ck_sessions_capacity", "capacity >= 1");
            table.HasCheckConstraint("ck_sessions_minimum_numbers", "minimum_numbers BETWEEN 0 AND capacity");
            table.HasCheckConstraint("ck_sessions_prices", "price_with_sla_pence >= 0 AND price_without_sla_pence >= 0");
            table.HasCheckConstraint("ck_sessions_times", "end_time >= start_time AND booking_deadline <= start_time");
            table.HasCheckConstraint("ck_sessions_cancellation_reason", "(status = 3) = (cancellation_reason IS NOT NULL)");
            table.HasCheckConstraint("ck_sessions_funded_places", "(funded_places_fund IS NULL AND funded_places = 0) OR (funded_places_fund IS NOT NULL AND funded_places BETWEEN 1 AND capacity)");
        });
        session.HasKey(e => e.Id);
        session.Property(e => e.Id).UseIdentityByDefaultColumn();
        // Unique in its course; ListSessions reads a course's by id.
        session.HasIndex(e => new { e.AllianceId, e.AcademicYear, e.CourseId, e.SessionId }).IsUnique();
        session.HasOne<CourseEntity>().WithMany()
            .HasForeignKey(e => new { e.AllianceId, e.AcademicYear, e.CourseId })
            .HasPrincipalKey(c => new { c.AllianceId, c.AcademicYear, c.CourseId })
            .OnDelete(DeleteBehavior.Restrict);
        session.Property(e => e.AllianceId).UseCollation("C");
        session.Property(e => e.CourseId).UseCollation("C");
        session.Property(e => e.SessionId).UseCollation("C");
        session.Property(e => e.Version).IsRowVersion();
    }
}
