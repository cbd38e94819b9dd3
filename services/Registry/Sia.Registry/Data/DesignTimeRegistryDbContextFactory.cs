using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sia.Registry.Data;

/// <summary>
/// The context <c>dotnet ef migrations add</c> builds its model from, without starting the service or reaching a database
/// (making a migration never connects). The registry applies migrations itself at start-up (<see cref="RegistryMigrator"/>).
/// </summary>
internal sealed class DesignTimeRegistryDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RegistryDbContext>().UseNpgsql("Host=localhost;Database=registrydb").Options);
}
