using Microsoft.EntityFrameworkCore;
using Sia.Registry.V1;
using Sia.Risk.Data.ReadModel;
using Sia.Risk.Data;
using Sia.Risk.Domain;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.ReadModel;

/// <summary>
/// Applies the registry's changes to the read model. Each change carries its resource as it is now, so applying it is an
/// upsert of that state: schools (with their memberships), inspections, and alliances and system leaders (the providers
/// of support plans' interventions); other kinds only advance the token. A batch is
/// one SaveChanges, so one transaction, with the follow state: the copy and the token that resumes after it commit
/// together or not at all, and a crash anywhere leaves the copy as of a token it can resume from.
/// </summary>
internal sealed class RegistryChangeApplier(RiskDbContext db, TimeProvider clock)
{
    /// <summary>How far the copy has followed the registry; null before its first change.</summary>
    public Task<RegistryFollowStateEntity?> ReadStateAsync(CancellationToken cancellationToken) =>
        db.RegistryFollowState.AsNoTracking().SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Applies changes that follow the one whose resume token is <paramref name="after"/> ("" for the first change ever),
    /// in the order received. The stored token must still be <paramref name="after"/>: if the copy advanced meanwhile (an
    /// instance following the same database), nothing is applied and <see cref="ReadModelMovedException"/> is thrown.
    /// </summary>
    public async Task<RegistryFollowStateEntity> ApplyAsync(string after, IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var state = await db.RegistryFollowState.SingleOrDefaultAsync(cancellationToken);
        if ((state?.ResumeToken ?? "") != after) throw new ReadModelMovedException();
        if (state is null) db.RegistryFollowState.Add(state = new RegistryFollowStateEntity { ResumeToken = "" });

        await ApplySchoolsAsync(changes, cancellationToken);
        await ApplyInspectionsAsync(changes, cancellationToken);
        await ApplyProvidersAsync(changes, cancellationToken);

        state.ResumeToken = changes[^1].ResumeToken;
        state.AppliedChanges += changes.Count;
        state.LastChangeTime = changes[^1].ChangeTime.ToDateTime();
        state.AdvanceTime = clock.UtcNowForDatabase();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ReadModelMovedException();
        }
        return state;
    }

    /// <summary>Each school's latest state in the batch (the changes carry it as it is now, so the last is newest).</summary>
    private async Task ApplySchoolsAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var schools = changes.Where(c => c.CurrentCase == Change.CurrentOneofCase.School)
            .GroupBy(c => c.School.Urn, (_, group) => (School: group.Last().School, Changes: group.Count()))
            .ToList();
        if (schools.Count == 0) return;
        var urns = schools.Select(s => s.School.Urn).ToList();
        var rows = await db.RegistrySchools.Include(s => s.AllianceMemberships).Where(s => urns.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn, cancellationToken);
        foreach (var (school, count) in schools)
        {
            if (!rows.TryGetValue(school.Urn, out var row))
                db.RegistrySchools.Add(row = new RegistrySchoolEntity { Urn = school.Urn, LaCode = school.LocalAuthorityCode, DisplayName = school.DisplayName });
            school.CopyTo(row);
            row.AppliedChanges += count;
        }
    }

    /// <summary>Inspections, each recorded for the assessments (<see cref="InspectionRecordedEntity"/>) when first copied.</summary>
    private async Task ApplyInspectionsAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var inspections = new List<(int Urn, long Id, Inspection Inspection, int Changes)>();
        foreach (var group in changes.Where(c => c.CurrentCase == Change.CurrentOneofCase.Inspection).GroupBy(c => c.Inspection.Name))
            if (ResourceNames.TryParseInspection(group.Key, out var urn, out var id)) inspections.Add((urn, id, group.Last().Inspection, group.Count()));
        if (inspections.Count == 0) return;
        var ids = inspections.Select(i => i.Id).ToList();
        var rows = await db.RegistryInspections.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var now = clock.UtcNowForDatabase();
        foreach (var (urn, id, inspection, count) in inspections)
        {
            if (!rows.TryGetValue(id, out var row))
            {
                db.RegistryInspections.Add(row = new RegistryInspectionEntity { Id = id, Urn = urn, KeyJudgements = [], ReportCardAreas = [] });
                inspection.CopyTo(row);
                db.InspectionsRecorded.Add(new InspectionRecordedEntity { Urn = urn, InspectionId = id, InspectionDate = row.InspectionDate, RecordTime = now });
            }
            else inspection.CopyTo(row);
            row.AppliedChanges += count;
        }
    }

    /// <summary>Alliances and system leaders: each one's name and whether it can be deployed, as its latest change in the batch has it.</summary>
    private async Task ApplyProvidersAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var providers = changes
            .Select(c => c.CurrentCase switch
            {
                Change.CurrentOneofCase.Alliance => (Name: c.Alliance.Name, Active: true),
                Change.CurrentOneofCase.SystemLeader => (Name: c.SystemLeader.Name, Active: c.SystemLeader.Active),
                _ => (Name: "", Active: false),
            })
            .Where(p => p.Name.Length > 0)
            .GroupBy(p => p.Name, (_, group) => group.Last())
            .ToList();
        if (providers.Count == 0) return;
        var names = providers.Select(p => p.Name).ToList();
        var rows = await db.RegistryProviders.Where(p => names.Contains(p.Name)).ToDictionaryAsync(p => p.Name, cancellationToken);
        foreach (var (name, active) in providers)
        {
            if (!rows.TryGetValue(name, out var row)) db.RegistryProviders.Add(row = new RegistryProviderEntity { Name = name });
            row.Active = active;
        }
    }
}

/// <summary>The stored resume token is not the one the batch follows: the copy advanced without this stream.</summary>
internal sealed class ReadModelMovedException()
    : Exception("The read model's resume token moved on without this stream (another instance follows the same database); following again from the stored token.");
