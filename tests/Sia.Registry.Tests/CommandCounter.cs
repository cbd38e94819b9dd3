using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sia.Registry.Tests;

/// <summary>Counts the SQL commands the registry's DbContexts make (add it with ConfigureDbContext... AddInterceptors).</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        Interlocked.Increment(ref count);
        return result;
    }
}
