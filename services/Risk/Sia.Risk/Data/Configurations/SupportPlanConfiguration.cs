using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.Configurations;

internal sealed class SupportPlanConfiguration : IEntityTypeConfiguration<SupportPlanEntity>
{
    public void Configure(EntityTypeBuilder<SupportPlanEntity> plan)
    {
        plan.ToTable("support_plans");
        plan.HasKey(e => e.Id);
        plan.Property(e => e.Id).UseIdentityByDefaultColumn();
        // One plan per school and academic year.
        plan.HasIndex(e => new { e.Urn, e.AcademicYear }).IsUnique();
        // The officers' lists: an LA's plans, in URN order.
        plan.HasIndex(e => new { e.LaCode, e.Urn, e.AcademicYear });
        plan.Property(e => e.Interventions).IsJson();
        plan.Property(e => e.IntendedOutcomes).IsJson();
        plan.Property(e => e.Milestones).IsJson();
        plan.Property(e => e.ImpactReviews).IsJson();
        plan.Property(e => e.Version).IsRowVersion();
    }
}
