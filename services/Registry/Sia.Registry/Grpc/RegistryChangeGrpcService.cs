using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Grpc;

/// <summary>
/// Streams the change log in commit order from a resume token, then follows new changes as they commit. A stream ends (OK)
/// when the registry begins to stop, rather than holding up its shutdown until the host's timeout aborts it: the watcher
/// resumes with the last token it got.
/// </summary>
internal sealed class RegistryChangeGrpcService(ChangeFeed feed, IHostApplicationLifetime lifetime) : RegistryChangeService.RegistryChangeServiceBase
{
    public override async Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<Change> responseStream, ServerCallContext context)
    {
        var after = ResumeToken.Read(request.ResumeToken, "change", "resume_token", "a Change");
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var cancellationToken = ended.Token;
        try
        {
            // At once rather than with the first change, which a watcher that has caught up may wait long for: the headers
            // tell it that the stream is open.
            await context.WriteResponseHeadersAsync(new Metadata());
            await foreach (var batch in feed.FollowAsync(after, cancellationToken))
            {
                var current = batch.Current.ToDictionary(resource => resource.Key, resource => ToMessage(resource.Value));
                foreach (var change in batch.Changes) await responseStream.WriteAsync(ToMessage(change, current), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher went away, or its deadline passed, or the registry is stopping; it resumes with the last token it got.
        }
    }

    private static IMessage ToMessage(object row) => row switch
    {
        SchoolEntity school => school.ToMessage(),
        LocalAuthorityEntity la => la.ToMessage(),
        ClusterEntity cluster => cluster.ToMessage(),
        AllianceEntity alliance => alliance.ToMessage(),
        SystemLeaderEntity leader => leader.ToMessage(),
        InspectionEntity inspection => inspection.ToMessage(),
        _ => throw new UnreachableException($"The change feed has no message for a {row.GetType().Name}."),
    };

    private static Change ToMessage(ChangeEntity change, Dictionary<string, IMessage> current)
    {
        var message = new Change
        {
            ResumeToken = ResumeToken.Create("change", change.Sequence),
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
            case Inspection inspection:
                message.Inspection = inspection;
                break;
        }
        return message;
    }
}
