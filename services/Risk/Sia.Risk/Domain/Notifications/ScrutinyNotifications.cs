using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.Risk.Domain.Frameworks;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Notifications;

/// <summary>
/// Notifications for scrutiny: recorded with the publication that shows what they tell, read, acknowledged, and followed
/// in the order they were recorded. Writers take one transaction lock, so ids are in commit order.
/// </summary>
internal sealed class ScrutinyNotifications(RiskDbContext db, [FromKeyedServices(NotificationCommits.Channel)] LogHead head, TimeProvider clock)
{
    private const int BatchSize = 100;

    /// <summary>
    /// In the transaction that publishes <paramref name="published"/> (saved, with its id): records a notification if it
    /// shows the school entering something scrutiny is told of, compared with the school's previous publication.
    /// </summary>
    public async Task RecordIfEnteredAsync(AssessmentEntity published, FrameworkDefinition framework, CancellationToken cancellationToken)
    {
        var previous = await db.Assessments.AsNoTracking()
            .Where(a => a.Urn == published.Urn && a.PublishTime != null && a.Id != published.Id)
            .OrderByDescending(a => a.PublishTime).ThenByDescending(a => a.Id)
            .Select(a => new { a.Result, a.FrameworkId, a.FrameworkRevision })
            .FirstOrDefaultAsync(cancellationToken);
        IReadOnlyList<NotificationReason>? before = null;
        if (previous is not null)
        {
            var previousFramework = await db.FrameworkRevisions.AsNoTracking()
                .Where(r => r.FrameworkId == previous.FrameworkId && r.Revision == previous.FrameworkRevision).Select(r => r.Definition).SingleAsync(cancellationToken);
            before = ScrutinyReasons.Of(previous.Result, previousFramework);
        }
        var entered = ScrutinyReasons.Entered(ScrutinyReasons.Of(published.Result, framework), before);
        if (entered.Count == 0) return;

        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({NotificationCommits.LockId}); NOTIFY {NotificationCommits.Channel}", cancellationToken);
        var assessment = new AssessmentName(published.Urn, published.AcademicYear, published.Round, published.VersionNumber).ToString();
        db.Notifications.Add(new NotificationEntity
        {
            LaCode = published.LaCode,
            Urn = published.Urn,
            AssessmentId = published.Id,
            Assessment = assessment,
            Reasons = [.. entered],
            Description = $"{ResourceNames.School(published.Urn)} entered {string.Join(" and ", entered.Select(ScrutinyReasons.Words))}: {assessment} puts it in "
                + $"{published.Result.CategoryLabel}{(published.Result.LatestInspection is { } inspection ? $", from {inspection}" : "")}.",
            CreateTime = clock.UtcNowForDatabase(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<NotificationEntity> GetAsync(string laCode, long id, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.LaCode == laCode && n.Id == id, cancellationToken)
        ?? throw new NotFoundException(Name(laCode, id));

    /// <summary>An LA's notifications, newest first, before the id a previous page ended with.</summary>
    public Task<Page<NotificationEntity>> ListAsync(string laCode, bool unacknowledgedOnly, long? beforeId, int size, CancellationToken cancellationToken)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.LaCode == laCode);
        if (unacknowledgedOnly) query = query.Where(n => n.AcknowledgeTime == null);
        if (beforeId is { } before) query = query.Where(n => n.Id < before);
        return query.OrderByDescending(n => n.Id).ToPageAsync(size, cancellationToken);
    }

    /// <summary>Marks it acknowledged by the partner (or "SIA" for a call from inside); again changes nothing.</summary>
    public async Task<NotificationEntity> AcknowledgeAsync(string laCode, long id, string? partner, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.LaCode == laCode && n.Id == id, cancellationToken)
            ?? throw new NotFoundException(Name(laCode, id));
        if (notification.AcknowledgeTime is not null) return notification;
        notification.AcknowledgeTime = clock.UtcNowForDatabase();
        notification.AcknowledgedBy = partner ?? "SIA";
        await db.SaveChangesAsync(cancellationToken);
        return notification;
    }

    /// <summary>
    /// An LA's notifications after <paramref name="after"/> in the order recorded, without end: it waits for more when it
    /// has caught up. It reads up to the head of all LAs' notifications as it was when it looked, and waits for the head to
    /// pass that: ids commit in order, so none below it can come later.
    /// </summary>
    public async IAsyncEnumerable<NotificationEntity> FollowAsync(string laCode, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = after;
        while (true)
        {
            var newest = await db.Notifications.MaxAsync(n => (long?)n.Id, cancellationToken) ?? 0;
            if (newest > read)
            {
                var batch = await db.Notifications.AsNoTracking().Where(n => n.LaCode == laCode && n.Id > read && n.Id <= newest).OrderBy(n => n.Id)
                    .Take(BatchSize).ToListAsync(cancellationToken);
                foreach (var notification in batch) yield return notification;
                read = batch.Count == BatchSize ? batch[^1].Id : newest;
                if (batch.Count == BatchSize) continue;
            }
            await head.WaitPastAsync(read, cancellationToken);
        }
    }

    public static string Name(string laCode, long id) => $"localAuthorities/{laCode}/notifications/{id}";
}
