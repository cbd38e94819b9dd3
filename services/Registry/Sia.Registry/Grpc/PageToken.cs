using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Domain;

namespace Sia.Registry.Grpc;

/// <summary>
/// Opaque keyset page tokens: the last key returned, bound to a fingerprint of the request's filters so a
/// token can't be reused with other filters. Keyset paging stays stable while rows are inserted.
/// </summary>
internal static class PageToken
{
    private static string Create(string lastKey, IMessage filters) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fingerprint(filters)}|{lastKey}"));

    /// <summary>The last key of the previous page, or null for the first page.</summary>
    public static string? Read(string token, IMessage filters)
    {
        if (token.Length == 0) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 2);
            if (parts.Length == 2 && parts[0] == Fingerprint(filters)) return parts[1];
        }
        catch (FormatException)
        {
        }
        throw new ValidationFailedException("page_token", "The page token is not valid for this request: it must come from the previous response of the same request.");
    }

    /// <summary>The token for the page after this one: its last item's key; blank when this page is the last.</summary>
    public static string Next<T>(Page<T> page, Func<T, string> key, IMessage filters) =>
        page.HasMore ? Create(key(page.Items[^1]), filters) : "";

    public static int Size(int requested, int defaultSize, int maxSize)
    {
        if (requested < 0) throw new ValidationFailedException("page_size", "page_size must not be negative.");
        return requested == 0 ? defaultSize : Math.Min(requested, maxSize);
    }

    private static string Fingerprint(IMessage filters) => Convert.ToHexString(SHA256.HashData(filters.ToByteArray()))[..16];
}
