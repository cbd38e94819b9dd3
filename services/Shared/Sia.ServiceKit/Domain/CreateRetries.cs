using Sia.Contracts.DomainErrors;

namespace Sia.ServiceKit.Domain;

/// <summary>The answer to a create whose request_id an earlier create used (<see cref="CreateRequestLog"/> found it).</summary>
public static class CreateRetries
{
    /// <summary>The earlier result if it is the resource this request names (<paramref name="matches"/>); INVALID_ARGUMENT naming request_id otherwise.</summary>
    public static async Task<T> EarlierAsync<T>(string earlier, Func<string, bool> matches, Func<string, Task<T>> get) =>
        matches(earlier)
            ? await get(earlier)
            : throw new ValidationFailedException("request_id", "This request_id was used for another create; a retry sends the same request, anything else a new request_id.");
}
