using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>
/// The change log (see RegistryDbContext.SaveChangesAsync) in commit order from a sequence number, then each change as it
/// commits, with the resources the changes name as they are now.
/// </summary>
internal sealed class ChangeFeed(RegistryDbContext db, [FromKeyedServices(ChangeLogCommits.Channel)] LogHead head)
{
    private const int BatchSize = 500;

    /// <summary>
    /// Batches of changes after <paramref name="after"/>, without end. It reads only while the log's head is past what it
    /// has sent, so a watcher that has caught up costs no queries until the next commit. The head is a sequence the
    /// listener read as committed, and the log commits in sequence order, so every change up to it is there to read, and
    /// none below what was read can commit later.
    /// </summary>
    public async IAsyncEnumerable<ChangeBatch> FollowAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            await head.WaitPastAsync(after, cancellationToken);
            var batch = await ReadAsync(after, cancellationToken);
            yield return batch;
            after = batch.Changes[^1].Sequence;
        }
    }

    /// <summary>
    /// The next batch, its queries traced on their own rather than as children of the stream's server span: a follower's
    /// stream lasts as long as the follower runs, and its span ends only then, which would leave every query of it
    /// without its parent until then (the change of Activity.Current stays in this method).
    /// </summary>
    private async Task<ChangeBatch> ReadAsync(long after, CancellationToken cancellationToken)
    {
        Activity.Current = null;
        var changes = await db.Changes.AsNoTracking().Where(c => c.Sequence > after).OrderBy(c => c.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
        return new ChangeBatch(changes, await LoadCurrentAsync(changes, cancellationToken));
    }

    /// <summary>The current row of every resource the changes name, by name, in one query per resource type they name.</summary>
    private async Task<IReadOnlyDictionary<string, object>> LoadCurrentAsync(List<ChangeEntity> changes, CancellationToken cancellationToken)
    {
        var names = changes.Select(c => c.ResourceName).ToHashSet();
        var urns = new List<int>();
        var codes = new List<string>();
        var allianceIds = new List<string>();
        var leaderIds = new List<long>();
        var clusterLaCodes = new List<string>();
        var inspectionIds = new List<long>();
        foreach (var name in names)
        {
            if (ResourceNames.TryParseSchool(name, out var urn)) urns.Add(urn);
            else if (ResourceNames.TryParseLocalAuthority(name, out var code)) codes.Add(code);
            else if (ResourceNames.TryParseAlliance(name, out var allianceId)) allianceIds.Add(allianceId);
            else if (ResourceNames.TryParseSystemLeader(name, out var leaderId)) leaderIds.Add(leaderId);
            else if (ResourceNames.TryParseCluster(name, out var cluster)) clusterLaCodes.Add(cluster.LaCode);
            else if (ResourceNames.TryParseInspection(name, out var inspection)) inspectionIds.Add(inspection.Id);
        }

        // Only the types the changes name: each watcher makes these queries on every commit.
        var current = new Dictionary<string, object>();
        if (urns.Count > 0)
            foreach (var school in await db.Schools.AsNoTracking().Include(s => s.AllianceMemberships).Where(s => urns.Contains(s.Urn)).ToListAsync(cancellationToken))
                current[ResourceNames.School(school.Urn)] = school;
        if (codes.Count > 0)
            foreach (var la in await db.LocalAuthorities.AsNoTracking().Where(l => codes.Contains(l.Code)).ToListAsync(cancellationToken))
                current[ResourceNames.LocalAuthority(la.Code)] = la;
        if (allianceIds.Count > 0)
            foreach (var alliance in await db.Alliances.AsNoTracking().Where(a => allianceIds.Contains(a.AllianceId)).ToListAsync(cancellationToken))
                current[ResourceNames.Alliance(alliance.AllianceId)] = alliance;
        if (leaderIds.Count > 0)
            foreach (var leader in await db.SystemLeaders.AsNoTracking().Where(l => leaderIds.Contains(l.Id)).ToListAsync(cancellationToken))
                current[ResourceNames.SystemLeader(leader.Id)] = leader;
        if (clusterLaCodes.Count > 0)
            foreach (var cluster in await db.Clusters.AsNoTracking().Where(c => clusterLaCodes.Contains(c.LaCode)).ToListAsync(cancellationToken))
            {
                var name = ResourceNames.Cluster(cluster.LaCode, cluster.ClusterId);
                if (names.Contains(name)) current[name] = cluster;
            }
        if (inspectionIds.Count > 0)
            foreach (var inspection in await db.Inspections.AsNoTracking().Include(i => i.Grades).Where(i => inspectionIds.Contains(i.Id)).ToListAsync(cancellationToken))
                current[ResourceNames.Inspection(inspection.Urn, inspection.Id)] = inspection;
        return current;
    }
}

/// <summary>
/// Changes in commit order, and the current row (SchoolEntity, LocalAuthorityEntity, ClusterEntity, AllianceEntity,
/// SystemLeaderEntity or InspectionEntity) of each resource they name that still has one.
/// </summary>
internal sealed record ChangeBatch(IReadOnlyList<ChangeEntity> Changes, IReadOnlyDictionary<string, object> Current);
