using Microsoft.Extensions.Configuration;
using Google.Protobuf;
using Sia.Contracts.DomainErrors;
using Sia.ServiceKit.Domain;

namespace Sia.ServiceKit.Grpc;

/// <summary>A page of a List response as it is sent: its items and the token for the next page (blank after the last).</summary>
public sealed record ResponsePage<TMessage>(IReadOnlyList<TMessage> Items, string NextPageToken);

/// <summary>
/// The most bytes one response carries. gRPC clients refuse a message over 4 MiB unless they raise their limit, so a List
/// page stops before the item that would pass the budget (its next_page_token continues from there) and a batch that would
/// pass it is refused. 3.5 MiB, leaving room for framing and trailers; a service's setting (the registry's
/// Registry:MaxResponseBytes) can only lower it.
/// </summary>
public sealed record ResponseBudget(int MaxBytes)
{
    public const int DefaultMaxBytes = 3_670_016;

    /// <summary>Room for a next_page_token: a tag, its length and the longest token there is.</summary>
    private const int TokenBytes = 1 + 2 + PageToken.MaxLength;

    /// <summary>The budget from the service's setting, if it has one.</summary>
    public static ResponseBudget From(IConfiguration configuration, string setting)
    {
        var maxBytes = configuration.GetValue<int?>(setting) ?? DefaultMaxBytes;
        if (maxBytes is < 1 or > DefaultMaxBytes)
            throw new InvalidOperationException($"{setting} is {maxBytes}; it can only lower the response budget, to 1-{DefaultMaxBytes} bytes.");
        return new ResponseBudget(maxBytes);
    }

    /// <summary>
    /// The page's items as messages, up to the budget, and the token for what follows. The first item is always sent, even
    /// one over the budget on its own, so that paging moves on.
    /// </summary>
    public ResponsePage<TMessage> Fit<T, TMessage>(Page<T> page, Func<T, TMessage> toMessage, Func<T, string> key, IMessage request) where TMessage : IMessage
    {
        var items = new List<TMessage>(page.Items.Count);
        var bytes = TokenBytes;
        foreach (var item in page.Items)
        {
            var message = toMessage(item);
            bytes += ItemBytes(message);
            if (items.Count > 0 && bytes > MaxBytes) return new ResponsePage<TMessage>(items, PageToken.Create(key(page.Items[items.Count - 1]), request));
            items.Add(message);
        }
        return new ResponsePage<TMessage>(items, page.HasMore ? PageToken.Create(key(page.Items[^1]), request) : "");
    }

    /// <summary>Refuses, naming the field that asked for them, items that would not fit in one response together.</summary>
    public void EnsureFits(IReadOnlyCollection<IMessage> items, string field)
    {
        var bytes = items.Sum(ItemBytes);
        if (bytes > MaxBytes)
            throw new ValidationFailedException(field, $"These {items.Count} come to {bytes:N0} bytes, more than one response carries ({MaxBytes:N0}): ask for them in smaller batches.");
    }

    /// <summary>An item's bytes in a response: its tag (every list is field 1 of its response), its length and itself.</summary>
    private static int ItemBytes(IMessage item) => 1 + CodedOutputStream.ComputeMessageSize(item);
}
