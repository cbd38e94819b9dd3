using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Risk.Data;
using Sia.Risk.Data.ReadModel;
using Sia.Testing;

namespace Sia.Risk.Tests.ReadModel;

/// <summary>Both sides as a test sees them: the registry's change log, read from its database, and the risk service's copy.</summary>
internal sealed class ReadModelProbe(string registryDatabase, string riskDatabase)
{
    public RiskDbContext OpenCopy() => new(new DbContextOptionsBuilder<RiskDbContext>().UseNpgsql(riskDatabase).Options);

    public async Task<RegistryFollowStateEntity?> StateAsync()
    {
        await using var copy = OpenCopy();
        return await copy.RegistryFollowState.AsNoTracking().SingleOrDefaultAsync();
    }

    /// <summary>How many changes the registry logged, in all and of each resource.</summary>
    public async Task<Dictionary<string, int>> RegistryChangesAsync()
    {
        await using var connection = new NpgsqlConnection(registryDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT resource_name, count(*)::int FROM changes GROUP BY resource_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    /// <summary>
    /// Until the copy has applied as many changes as the registry has logged (or more: a copy that applied some twice is
    /// caught up too, for the test to show which).
    /// </summary>
    public Task CaughtUpAsync() =>
        Until.TrueAsync(async () => (await StateAsync())?.AppliedChanges >= (await RegistryChangesAsync()).Values.Sum(),
            "the copy to apply every change the registry logged");

    /// <summary>
    /// Every school and inspection the registry logged a change of, with how many changes it logged and how many the copy
    /// applied to its row (0 if it has none): equal everywhere when each change was applied once.
    /// </summary>
    public async Task<List<string>> AppliedAgainstLoggedAsync()
    {
        var logged = await RegistryChangesAsync();
        await using var copy = OpenCopy();
        var applied = new Dictionary<string, int>();
        foreach (var school in await copy.RegistrySchools.AsNoTracking().ToListAsync()) applied[$"schools/{school.Urn}"] = school.AppliedChanges;
        foreach (var inspection in await copy.RegistryInspections.AsNoTracking().ToListAsync()) applied[inspection.Name] = inspection.AppliedChanges;
        return [.. logged.Keys.Where(name => name.StartsWith("schools/", StringComparison.Ordinal)).Concat(applied.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(name => $"{name}: logged {logged.GetValueOrDefault(name)}, applied {applied.GetValueOrDefault(name)}")];
    }

    /// <summary>The lines of <see cref="AppliedAgainstLoggedAsync"/> as they read when every change was applied once.</summary>
    public async Task<List<string>> LoggedOnceEachAsync() =>
        [.. (await RegistryChangesAsync()).Where(c => c.Key.StartsWith("schools/", StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}: logged {c.Value}, applied {c.Value}")];

    /// <summary>The hook's rows: the inspections recorded for recomputing, by name, in the order recorded.</summary>
    public async Task<List<string>> InspectionsRecordedAsync()
    {
        await using var copy = OpenCopy();
        return [.. (await copy.InspectionsRecorded.AsNoTracking().OrderBy(r => r.Id).ToListAsync()).Select(r => $"schools/{r.Urn}/inspections/{r.InspectionId}")];
    }
}
