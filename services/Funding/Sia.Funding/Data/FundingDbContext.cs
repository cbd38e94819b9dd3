using Microsoft.EntityFrameworkCore;
using Sia.Funding.Data.Configurations;
using Sia.ServiceKit.Data;

namespace Sia.Funding.Data;

public sealed class FundingDbContext : DbContext
{
    public FundingDbContext(DbContextOptions<FundingDbContext> options) : base(options)
    {
        // Changes run in explicit transactions and a failed save rolls the whole transaction back: a savepoint around each
        // SaveChanges would only add two round trips to the database.
        Database.AutoSavepointsEnabled = false;
    }

    internal DbSet<FundEntity> Funds => Set<FundEntity>();
    internal DbSet<AllocationEntity> Allocations => Set<AllocationEntity>();
    internal DbSet<CommitmentEntity> Commitments => Set<CommitmentEntity>();
    internal DbSet<SpendEntity> Spends => Set<SpendEntity>();
    internal DbSet<JournalEntryEntity> JournalEntries => Set<JournalEntryEntity>();
    internal DbSet<JournalLineEntity> JournalLines => Set<JournalLineEntity>();
    internal DbSet<BalanceEntity> Balances => Set<BalanceEntity>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new FundConfiguration());
        model.ApplyConfiguration(new AllocationConfiguration());
        model.ApplyConfiguration(new CommitmentConfiguration());
        model.ApplyConfiguration(new SpendConfiguration());
        model.ApplyConfiguration(new JournalEntryConfiguration());
        model.ApplyConfiguration(new JournalLineConfiguration());
        model.ApplyConfiguration(new BalanceConfiguration());
        model.ApplyConfiguration(new CreateRequestConfiguration());
        SnakeCaseNames.Apply(model);
    }
}
