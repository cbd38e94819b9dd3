using System.Globalization;
using Grpc.Core;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Notifications;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Grpc;

namespace Sia.Risk.Grpc;

internal sealed class NotificationGrpcService(ScrutinyNotifications notifications, ResponseBudget budget) : NotificationService.NotificationServiceBase
{
    private const string TokenKind = "notification";

    public override async Task<Notification> GetNotification(GetNotificationRequest request, ServerCallContext context)
    {
        var (laCode, id) = ResourceNames.Notification(request.Name, "name");
        context.RequireLocalAuthority(laCode);
        return (await notifications.GetAsync(laCode, id, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.Parent, "parent");
        context.RequireLocalAuthority(laCode);
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        long? before = PageToken.TryRead<long>(request.PageToken, request, TryParseId, out var id) ? id : null;
        var page = budget.Fit(await notifications.ListAsync(laCode, request.UnacknowledgedOnly, before, size, context.CancellationToken),
            n => n.ToMessage(), n => n.Id.ToString(CultureInfo.InvariantCulture), request);
        return new ListNotificationsResponse { Notifications = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Notification> AcknowledgeNotification(AcknowledgeNotificationRequest request, ServerCallContext context)
    {
        var (laCode, id) = ResourceNames.Notification(request.Name, "name");
        context.RequireLocalAuthority(laCode);
        return (await notifications.AcknowledgeAsync(laCode, id, context.GetCallingPartner()?.Name, context.CancellationToken)).ToMessage();
    }

    public override async Task WatchNotifications(WatchNotificationsRequest request, IServerStreamWriter<WatchNotificationsResponse> responseStream, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.Parent, "parent");
        context.RequireLocalAuthority(laCode);
        var after = ResumeToken.Read(request.ResumeToken, TokenKind, "resume_token", "a notification");
        var cancellationToken = context.CancellationToken;
        // The headers go at once, so a watcher knows the stream is open before the first notification.
        await context.WriteResponseHeadersAsync([]);
        try
        {
            await foreach (var notification in notifications.FollowAsync(laCode, after, cancellationToken))
            {
                await responseStream.WriteAsync(new WatchNotificationsResponse
                {
                    Notification = notification.ToMessage(),
                    ResumeToken = ResumeToken.Create(TokenKind, notification.Id),
                }, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher went away, or its deadline passed; it resumes with the last token it got.
        }
    }

    private static bool TryParseId(string text, out long id) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
