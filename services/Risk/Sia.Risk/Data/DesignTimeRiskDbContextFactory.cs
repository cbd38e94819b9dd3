using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sia.Risk.Data;

/// <summary>
/// The context <c>dotnet ef migrations add</c> builds its model from, without starting the service or reaching a database.
/// The service applies migrations itself at start-up (<see cref="RiskMigrator"/>).
/// </summary>
internal sealed class DesignTimeRiskDbContextFactory : IDesignTimeDbContextFactory<RiskDbContext>
{
    public RiskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RiskDbContext>().UseNpgsql("Host=localhost;Database=riskdb").Options);
}
