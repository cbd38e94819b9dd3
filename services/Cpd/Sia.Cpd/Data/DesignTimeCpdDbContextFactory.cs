using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sia.Cpd.Data;

/// <summary>
/// The context <c>dotnet ef migrations add</c> builds its model from, without starting the service or reaching a database.
/// The service applies migrations itself at start-up (<see cref="CpdMigrator"/>).
/// </summary>
internal sealed class DesignTimeCpdDbContextFactory : IDesignTimeDbContextFactory<CpdDbContext>
{
    public CpdDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CpdDbContext>().UseNpgsql("Host=localhost;Database=cpddb").Options);
}
