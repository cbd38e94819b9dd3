using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;

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
        var after = ReadResumeToken(request.ResumeToken);
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
            case Inspection inspection:
                message.Inspection = inspection;
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
