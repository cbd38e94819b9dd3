using Microsoft.EntityFrameworkCore;
using Sia.Cpd.Data.Configurations;
using Sia.ServiceKit.Data;

namespace Sia.Cpd.Data;

public sealed class CpdDbContext(DbContextOptions<CpdDbContext> options) : DbContext(options)
{
    internal DbSet<ProgrammeEntity> Programmes => Set<ProgrammeEntity>();
    internal DbSet<CourseEntity> Courses => Set<CourseEntity>();
    internal DbSet<SessionEntity> Sessions => Set<SessionEntity>();
    internal DbSet<BookingEntity> Bookings => Set<BookingEntity>();
    internal DbSet<EvaluationEntity> Evaluations => Set<EvaluationEntity>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new ProgrammeConfiguration());
        model.ApplyConfiguration(new CourseConfiguration());
        model.ApplyConfiguration(new SessionConfiguration());
        model.ApplyConfiguration(new BookingConfiguration());
        model.ApplyConfiguration(new EvaluationConfiguration());
        model.ApplyConfiguration(new CreateRequestConfiguration());
        SnakeCaseNames.Apply(model);
    }
}
