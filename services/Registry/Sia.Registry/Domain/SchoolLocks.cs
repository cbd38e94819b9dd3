using Microsoft.EntityFrameworkCore;
using Sia.Registry.Data;

namespace Sia.Registry.Domain;

/// <summary>
/// Row locks on schools, for writers of what hangs off a school (its memberships, its latest inspection, its
/// status). Every writer takes them before the change log's lock (RegistryDbContext.SaveChangesAsync), and several
/// in URN order, so no two writers wait on each other in a cycle.
/// </summary>
internal static class SchoolLocks
{
    /// <summary>Locks the schools' rows until the transaction ends; schools that don't exist are skipped.</summary>
    public static async Task LockAsync(RegistryDbContext db, IEnumerable<int> urns, CancellationToken cancellationToken)
    {
        var ordered = urns.Distinct().Order().ToArray();
        if (ordered.Length == 0) return;
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM schools WHERE urn = ANY({ordered}) ORDER BY urn FOR UPDATE", cancellationToken);
    }
}
