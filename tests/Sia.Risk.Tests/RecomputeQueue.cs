using Microsoft.EntityFrameworkCore;
using Sia.Risk.Data;
using Sia.Testing;

namespace Sia.Risk.Tests;

/// <summary>The inspections the copy has recorded and the risk service has yet to recompute assessments for.</summary>
internal static class RecomputeQueue
{
    public static async Task<int> PendingAsync(string riskDatabase)
    {
        await using var db = new RiskDbContext(new DbContextOptionsBuilder<RiskDbContext>().UseNpgsql(riskDatabase).Options);
        return await db.InspectionsRecorded.CountAsync(r => r.RecomputeTime == null);
    }

    /// <summary>Until every recorded inspection is recomputed: the service writes nothing more of its own accord.</summary>
    public static Task EmptyAsync(string riskDatabase) =>
        Until.TrueAsync(async () => await PendingAsync(riskDatabase) == 0, "every recorded inspection to be recomputed");
}
