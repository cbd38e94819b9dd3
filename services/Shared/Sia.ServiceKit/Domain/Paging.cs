using Microsoft.EntityFrameworkCore;

namespace Sia.ServiceKit.Domain;

/// <summary>One page of a list in keyset order, and whether more follow it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, bool HasMore);

public static class Paging
{
    /// <summary>Up to <paramref name="size"/> items of the ordered query; one more is read to know whether more follow.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, int size, CancellationToken cancellationToken)
    {
        var items = await ordered.Take(size + 1).ToListAsync(cancellationToken);
        return new Page<T>([.. items.Take(size)], items.Count > size);
    }
}
