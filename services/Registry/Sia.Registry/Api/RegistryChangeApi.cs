using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

/// <summary>Streams the change log in commit order from a resume token, then follows new changes as they commit.</summary>
public sealed class RegistryChangeApi(RegistryDbContext db) : RegistryChangeService.RegistryChangeServiceBase
{
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public override async Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<Change> responseStream, ServerCallContext context)
    {
        var after = ReadResumeToken(request.ResumeToken);
        var cancellationToken = context.CancellationToken;
        try
        {
            while (true)
            {
                var changes = await db.Changes.AsNoTracking().Where(c => c.Sequence > after).OrderBy(c => c.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
                if (changes.Count == 0)
                {
                    await Task.Delay(PollInterval, cancellationToken);
                    continue;
                }
                var current = await LoadCurrentAsync(changes, cancellationToken);
                foreach (var change in changes)
                {
                    await responseStream.WriteAsync(ToMessage(change, current));
                    after = change.Sequence;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher went away, or its deadline passed; it resumes with the last token it got.
        }
    }

    /// <summary>The current state of every resource the changes name, by name, in one query per resource type.</summary>
    private async Task<Dictionary<string, Google.Protobuf.IMessage>> LoadCurrentAsync(List<ChangeEntity> changes, CancellationToken cancellationToken)
    {
        var names = changes.Select(c => c.ResourceName).ToHashSet();
        var urns = new List<int>();
        var codes = new List<string>();
        var allianceIds = new List<string>();
        var leaderIds = new List<long>();
        var clusterLaCodes = new List<string>();
        foreach (var name in names)
        {
            if (ResourceNames.TryParseSchool(name, out var urn)) urns.Add(urn);
            else if (ResourceNames.TryParseLocalAuthority(name, out var code)) codes.Add(code);
            else if (ResourceNames.TryParseAlliance(name, out var allianceId)) allianceIds.Add(allianceId);
            else if (ResourceNames.TryParseSystemLeader(name, out var leaderId)) leaderIds.Add(leaderId);
            else if (ResourceNames.TryParseCluster(name, out var cluster)) clusterLaCodes.Add(cluster.LaCode);
        }

        var current = new Dictionary<string, Google.Protobuf.IMessage>();
        var schools = await db.Schools.AsNoTracking().Include(s => s.AllianceMemberships).Where(s => urns.Contains(s.Urn)).ToListAsync(cancellationToken);
        foreach (var school in schools) current[ResourceNames.School(school.Urn)] = school.ToMessage();
        foreach (var la in await db.LocalAuthorities.AsNoTracking().Where(l => codes.Contains(l.Code)).ToListAsync(cancellationToken))
            current[ResourceNames.LocalAuthority(la.Code)] = LocalAuthorityApi.ToMessage(la);
        foreach (var alliance in await db.Alliances.AsNoTracking().Where(a => allianceIds.Contains(a.AllianceId)).ToListAsync(cancellationToken))
            current[ResourceNames.Alliance(alliance.AllianceId)] = alliance.ToMessage();
        foreach (var leader in await db.SystemLeaders.AsNoTracking().Where(l => leaderIds.Contains(l.Id)).ToListAsync(cancellationToken))
            current[ResourceNames.SystemLeader(leader.Id)] = leader.ToMessage();
        foreach (var cluster in await db.Clusters.AsNoTracking().Where(c => clusterLaCodes.Contains(c.LaCode)).ToListAsync(cancellationToken))
        {
            var name = ResourceNames.Cluster(cluster.LaCode, cluster.ClusterId);
            if (names.Contains(name)) current[name] = ClusterApi.ToMessage(cluster);
        }
        return current;
    }

    private static Change ToMessage(ChangeEntity change, Dictionary<string, Google.Protobuf.IMessage> current)
    {
        var message = new Change
        {
            ResumeToken = CreateResumeToken(change.Sequence),
            Resource = change.ResourceName,
            ChangeType = change.ChangeType == ChangeEntity.Created ? Change.Types.ChangeType.Created : Change.Types.ChangeType.Updated,
            ChangeTime = Timestamp.FromDateTime(DateTime.SpecifyKind(change.ChangeTime, DateTimeKind.Utc)),
        };
        switch (current.GetValueOrDefault(change.ResourceName))
        {
            case School school:
                message.School = school;
                break;
            case LocalAuthority la:
                message.LocalAuthority = la;
                break;
            case Cluster cluster:
                message.Cluster = cluster;
                break;
            case Alliance alliance:
                message.Alliance = alliance;
                break;
            case SystemLeader leader:
                message.SystemLeader = leader;
                break;
        }
        return message;
    }

    private static string CreateResumeToken(long sequence) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"change:{sequence}"));

    private static long ReadResumeToken(string token)
    {
        if (token.Length == 0) return 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("change:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)) return sequence;
        }
        catch (FormatException)
        {
        }
        throw new ValidationFailedException("resume_token", "The resume token is not one this service issued: send the resume_token of a Change you received, or none to start from the beginning.");
    }
}
