using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;

namespace Sia.ServiceKit.Domain;

public static class ConcurrentSaves
{
    /// <summary>Saves an update; a <see cref="ConcurrentChangeException"/> when someone else changed the row since it was read (its xmin moved).</summary>
    public static async Task SaveUnlessChangedAsync(this DbContext db, string resourceName, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrentChangeException(resourceName);
        }
    }
}
