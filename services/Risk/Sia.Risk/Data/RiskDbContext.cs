using Microsoft.EntityFrameworkCore;
using Sia.Risk.Data.Configurations;
using Sia.Risk.Data.ReadModel;
using Sia.Risk.Data.ReadModel.Configurations;
using Sia.ServiceKit.Data;

namespace Sia.Risk.Data;

public sealed class RiskDbContext(DbContextOptions<RiskDbContext> options) : DbContext(options)
{
    internal DbSet<FrameworkEntity> Frameworks => Set<FrameworkEntity>();
    internal DbSet<FrameworkRevisionEntity> FrameworkRevisions => Set<FrameworkRevisionEntity>();
    internal DbSet<AssessmentEntity> Assessments => Set<AssessmentEntity>();
    internal DbSet<IndicatorValueEntity> IndicatorValues => Set<IndicatorValueEntity>();
    internal DbSet<NotificationEntity> Notifications => Set<NotificationEntity>();
    internal DbSet<RoundRequestEntity> RoundRequests => Set<RoundRequestEntity>();
    internal DbSet<PriorityEntity> Priorities => Set<PriorityEntity>();
    internal DbSet<SupportPlanEntity> SupportPlans => Set<SupportPlanEntity>();

    // The read model of the registry (ReadModel/RegistryFollower).
    internal DbSet<RegistrySchoolEntity> RegistrySchools => Set<RegistrySchoolEntity>();
    internal DbSet<RegistryAllianceMembershipEntity> RegistryAllianceMemberships => Set<RegistryAllianceMembershipEntity>();
    internal DbSet<RegistryInspectionEntity> RegistryInspections => Set<RegistryInspectionEntity>();
    internal DbSet<RegistryProviderEntity> RegistryProviders => Set<RegistryProviderEntity>();
    internal DbSet<RegistryFollowStateEntity> RegistryFollowState => Set<RegistryFollowStateEntity>();
    internal DbSet<InspectionRecordedEntity> InspectionsRecorded => Set<InspectionRecordedEntity>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new FrameworkConfiguration());
        model.ApplyConfiguration(new FrameworkRevisionConfiguration());
        model.ApplyConfiguration(new AssessmentConfiguration());
        model.ApplyConfiguration(new IndicatorValueConfiguration());
        model.ApplyConfiguration(new NotificationConfiguration());
        model.ApplyConfiguration(new RoundRequestConfiguration());
        model.ApplyConfiguration(new PriorityConfiguration());
        model.ApplyConfiguration(new SupportPlanConfiguration());
        model.ApplyConfiguration(new CreateRequestConfiguration());
        model.ApplyConfiguration(new RegistrySchoolConfiguration());
        model.ApplyConfiguration(new RegistryAllianceMembershipConfiguration());
        model.ApplyConfiguration(new RegistryInspectionConfiguration());
        model.ApplyConfiguration(new RegistryProviderConfiguration());
        model.ApplyConfiguration(new RegistryFollowStateConfiguration());
        model.ApplyConfiguration(new InspectionRecordedConfiguration());
        SnakeCaseNames.Apply(model);
    }
}
