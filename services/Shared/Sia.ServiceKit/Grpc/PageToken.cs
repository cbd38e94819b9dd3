using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Sia.Contracts.DomainErrors;

namespace Sia.ServiceKit.Grpc;

/// <summary>
/// Keyset page tokens: the last key returned (written as the list writes it, usually the item's resource name), with a
/// check that binds it to the RPC and the request's other fields but its view (AIP-157's <c>view</c>, which says how much
/// of each item to return, not which items). Keyset paging stays stable while rows are inserted.
/// The check is a hash, not a signature: it catches a token cut short, edited or taken from another request, but anyone
/// can compute it. A token grants nothing (any caller may list from the start and page anywhere), so what keeps a made-up
/// one harmless is that its key is parsed as strictly as a request's own fields; a key (MAC) would add a secret to share
/// between instances and rotate, and guard nothing that needs guarding.
/// </summary>
public static class PageToken
{
    public const int MaxLength = 200;

    /// <summary>Reads a key as a list writes it: false for anything else.</summary>
    public delegate bool KeyParser<TKey>(string text, out TKey key);

    /// <summary>
    /// The key of the previous page's last item: false for the first page (no token). A token this service did not
    /// issue for this request (its RPC and every field but the paging ones and the view) is INVALID_ARGUMENT naming page_token.
    /// </summary>
    public static bool TryRead<TKey>(string token, IMessage request, KeyParser<TKey> parse, out TKey after)
    {
        after = default!;
        if (token.Length == 0) return false;
        if (Decode(token) is [var check, var key] && check == Check(request, key) && parse(key, out after)) return true;
        throw new ValidationFailedException("page_token",
            "The page token is not one this service issued for this request: send the next_page_token of the previous page, with the other fields unchanged.");
    }

    /// <summary>The token for the page after the item whose key this is.</summary>
    public static string Create(string lastKey, IMessage request) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Check(request, lastKey)}|{lastKey}"));

    public static int Size(int requested, int defaultSize, int maxSize)
    {
        if (requested < 0) throw new ValidationFailedException("page_size", "page_size must not be negative.");
        return requested == 0 ? defaultSize : Math.Min(requested, maxSize);
    }

    private static string[]? Decode(string token)
    {
        if (token.Length > MaxLength) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 2);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>16 hex digits of SHA-256 over the request's type, its fields but page_size, page_token and view, and the key.</summary>
    private static string Check(IMessage request, string key)
    {
        var filters = request.Descriptor.Parser.ParseFrom(request.ToByteString());
        filters.Descriptor.FindFieldByName("page_size").Accessor.Clear(filters);
        filters.Descriptor.FindFieldByName("page_token").Accessor.Clear(filters);
        filters.Descriptor.FindFieldByName("view")?.Accessor.Clear(filters);
        byte[] checkedBytes = [.. Encoding.UTF8.GetBytes($"{request.Descriptor.FullName}|{key}|"), .. filters.ToByteArray()];
        return Convert.ToHexString(SHA256.HashData(checkedBytes))[..16];
    }
}
