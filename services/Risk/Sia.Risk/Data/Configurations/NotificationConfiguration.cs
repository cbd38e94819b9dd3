using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<NotificationEntity>
{
    public void Configure(EntityTypeBuilder<NotificationEntity> notification)
    {
        notification.ToTable("notifications");
        notification.HasKey(e => e.Id);
        notification.Property(e => e.Id).UseIdentityAlwaysColumn();
        // One per published assessment version, however often its publication is retried.
        notification.HasIndex(e => e.AssessmentId).IsUnique();
        notification.HasOne<AssessmentEntity>().WithMany().HasForeignKey(e => e.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        notification.HasIndex(e => new { e.LaCode, e.Id });
    }
}
