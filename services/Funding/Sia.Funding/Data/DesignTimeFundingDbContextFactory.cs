using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sia.Funding.Data;

/// <summary>
/// The context <c>dotnet ef migrations add</c> builds its model from, without starting the service or reaching a database.
/// The service applies migrations itself at start-up (<see cref="FundingMigrator"/>).
/// </summary>
internal sealed class DesignTimeFundingDbContextFactory : IDesignTimeDbContextFactory<FundingDbContext>
{
    public FundingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FundingDbContext>().UseNpgsql("Host=localhost;Database=fundingdb").Options);
}
