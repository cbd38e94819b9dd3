using Microsoft.EntityFrameworkCore;
using Sia.Risk.Data.Configurations;
using Sia.ServiceKit.Data;

namespace Sia.Risk.Data;

public sealed class RiskDbContext(DbContextOptions<RiskDbContext> options) : DbContext(options)
{
    internal DbSet<FrameworkEntity> Frameworks => Set<FrameworkEntity>();
    internal DbSet<FrameworkRevisionEntity> FrameworkRevisions => Set<FrameworkRevisionEntity>();
    internal DbSet<AssessmentEntity> Assessments => Set<AssessmentEntity>();
    internal DbSet<IndicatorValueEntity> IndicatorValues => Set<IndicatorValueEntity>();
    internal DbSet<NotificationEntity> Notifications => Set<NotificationEntity>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new FrameworkConfiguration());
        model.ApplyConfiguration(new FrameworkRevisionConfiguration());
        model.ApplyConfiguration(new AssessmentConfiguration());
        model.ApplyConfiguration(new IndicatorValueConfiguration());
        model.ApplyConfiguration(new NotificationConfiguration());
        model.ApplyConfiguration(new CreateRequestConfiguration());
        SnakeCaseNames.Apply(model);
    }
}
