using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts;
using Sia.Registry.Data;

namespace Sia.Registry.Api;

/// <summary>Checks on a school that another resource refers to (a lead school, a member, a home school).</summary>
internal static class ReferencedSchools
{
    /// <summary>FAILED_PRECONDITION unless the school exists.</summary>
    public static async Task EnsureExistsAsync(RegistryDbContext db, int urn, CancellationToken cancellationToken)
    {
        if (!await db.Schools.AnyAsync(s => s.Urn == urn, cancellationToken)) throw Missing(urn);
    }

    /// <summary>
    /// FAILED_PRECONDITION unless the school exists and is not closed. With <paramref name="lockRow"/> (inside a
    /// transaction) the school's row stays locked until commit, so the school can't close meanwhile and two
    /// memberships of one school are checked one after the other.
    /// </summary>
    public static async Task EnsureOpenAsync(RegistryDbContext db, int urn, string purpose, bool lockRow, CancellationToken cancellationToken)
    {
        var status = lockRow
            ? await db.Database.SqlQuery<int>($"SELECT status_code AS \"Value\" FROM schools WHERE urn = {urn} FOR UPDATE").ToListAsync(cancellationToken)
            : await db.Schools.Where(s => s.Urn == urn).Select(s => s.StatusCode).ToListAsync(cancellationToken);
        if (status.Count == 0) throw Missing(urn);
        if (status[0] == RegistryDbContext.ClosedStatusCode)
        {
            var name = ResourceNames.School(urn);
            throw RpcErrors.FailedPrecondition(name, $"{name} is closed; a closed school cannot {purpose}.");
        }
    }

    private static RpcException Missing(int urn)
    {
        var name = ResourceNames.School(urn);
        return RpcErrors.FailedPrecondition(name, $"{name} does not exist: create or import the school first.");
    }
}
