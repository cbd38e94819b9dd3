using Sia.Contracts.DomainErrors;

namespace Sia.ServiceKit.Grpc;

/// <summary>The request_id of a create: a UUID the client chooses, the same on retries (see Domain.CreateRequestLog).</summary>
public static class RequestIds
{
    public static Guid? Parse(string requestId) =>
        requestId.Length == 0 ? null
        : Guid.TryParse(requestId, out var id) ? id
        : throw new ValidationFailedException("request_id", $"{TextChecks.Quote(requestId)} is not a UUID; send a new UUID per create, and the same one on retries.");
}
