using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Sessions;
using Sia.Cpd.Grpc.Mapping;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Cpd.Grpc;

/// <summary>Sessions: anyone reads them; a partner changes only those of the alliances it acts for (PERMISSION_DENIED otherwise).</summary>
internal sealed class SessionGrpcService(Sessions sessions, ResponseBudget budget) : SessionService.SessionServiceBase
{
    public override async Task<Session> GetSession(GetSessionRequest request, ServerCallContext context) =>
        (await sessions.GetAsync(CatalogueNames.ParseSession(request.Name, "name"), context.CancellationToken)).ToMessage();

    public override async Task<ListSessionsResponse> ListSessions(ListSessionsRequest request, ServerCallContext context)
    {
        var course = CatalogueNames.ParseCourse(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        var after = PageToken.TryRead<string>(request.PageToken, request, TryParseId, out var id) ? id : null;
        var page = budget.Fit(await sessions.ListAsync(course, after, size, context.CancellationToken), s => s.ToMessage(), s => s.SessionId, request);
        return new ListSessionsResponse { Sessions = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Session> CreateSession(CreateSessionRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var course = CatalogueNames.ParseCourse(request.Parent, "parent");
        var sessionId = request.SessionId.Length == 0 ? null : CatalogueNames.ParseId(request.SessionId, "session_id", "autumn-1");
        context.RequireAlliance(course.Programme.AllianceId);
        var session = request.Session ?? throw new ValidationFailedException("session", "The session to create is missing.");
        return (await sessions.CreateAsync(course, sessionId, session.ToContent(SessionStatus.Open), requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Session> UpdateSession(UpdateSessionRequest request, ServerCallContext context)
    {
        var changes = request.Session ?? throw new ValidationFailedException("session", "The session to update is missing.");
        var name = CatalogueNames.ParseSession(changes.Name, "session.name");
        context.RequireAlliance(name.Course.Programme.AllianceId);
        var etag = Etag.Parse(changes.Etag, "session.etag");
        var requested = changes.ToContent(SessionStatus.Unspecified);
        var updated = await sessions.UpdateAsync(name, etag, current => SessionMapping.UpdatableFields.Apply(request.UpdateMask, requested, current),
            context.CancellationToken);
        return updated.ToMessage();
    }

    public override async Task<Session> CancelSession(CancelSessionRequest request, ServerCallContext context)
    {
        var name = CatalogueNames.ParseSession(request.Name, "name");
        context.RequireAlliance(name.Course.Programme.AllianceId);
        var etag = Etag.Parse(request.Etag, "etag");
        return (await sessions.CancelAsync(name, etag, request.Reason, context.CancellationToken)).ToMessage();
    }

    private static bool TryParseId(string text, out string id)
    {
        id = text;
        return CatalogueNames.IsId(text);
    }
}
