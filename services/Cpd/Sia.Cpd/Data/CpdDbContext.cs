using Microsoft.EntityFrameworkCore;
using Sia.Cpd.Data.Configurations;
using Sia.ServiceKit.Data;

namespace Sia.Cpd.Data;

public sealed class CpdDbContext : DbContext
{
    public CpdDbContext(DbContextOptions<CpdDbContext> options) : base(options)
    {
        // Changes run in explicit transactions and a failed save rolls the whole transaction back: a savepoint around each
        // SaveChanges would only add two round trips to the database.
        Database.AutoSavepointsEnabled = false;
    }

    internal DbSet<ProgrammeEntity> Programmes => Set<ProgrammeEntity>();
    internal DbSet<CourseEntity> Courses => Set<CourseEntity>();
    internal DbSet<SessionEntity> Sessions => Set<SessionEntity>();
    internal DbSet<BookingEntity> Bookings => Set<BookingEntity>();
    internal DbSet<BookingChangeEntity> BookingChanges => Set<BookingChangeEntity>();
    internal DbSet<EvaluationEntity> Evaluations => Set<EvaluationEntity>();

    /// <summary>Saves, appending a <see cref="BookingChangeEntity"/> for every booking added or modified, in the same transaction.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RecordBookingChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RecordBookingChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new ProgrammeConfiguration());
        model.ApplyConfiguration(new CourseConfiguration());
        model.ApplyConfiguration(new SessionConfiguration());
        model.ApplyConfiguration(new BookingConfiguration());
        model.ApplyConfiguration(new BookingChangeConfiguration());
        model.ApplyConfiguration(new EvaluationConfiguration());
        model.ApplyConfiguration(new CreateRequestConfiguration());
        SnakeCaseNames.Apply(model);
    }

    private void RecordBookingChanges()
    {
        var changed = ChangeTracker.Entries<BookingEntity>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity).ToList();
        foreach (var booking in changed)
            BookingChanges.Add(new BookingChangeEntity { Booking = booking, ChangeTime = booking.UpdateTime });
    }
}
