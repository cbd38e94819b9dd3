using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;

namespace Sia.Registry.Domain;

/// <summary>Checks on a school that another resource refers to (a lead school, a member, a home school).</summary>
internal static class ReferencedSchools
{
    /// <summary>A failed precondition unless the school exists.</summary>
    public static async Task EnsureExistsAsync(RegistryDbContext db, int urn, CancellationToken cancellationToken)
    {
        if (!await db.Schools.AnyAsync(s => s.Urn == urn, cancellationToken)) throw Missing(urn);
    }

    /// <summary>
    /// A failed precondition unless the school exists and is not closed. With <paramref name="lockRow"/> (inside a
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
            throw new PreconditionFailedException(name, $"{name} is closed; a closed school cannot {purpose}.");
        }
    }

    /// <summary>
    /// A failed precondition when the school closed on a date before <paramref name="leave"/>: a membership period can't run
    /// past its school's closure (closing ended it there; see SchoolClosure). Call with the school's row locked.
    /// </summary>
    public static async Task EnsureClosedNoEarlierThanAsync(RegistryDbContext db, int urn, DateOnly leave, CancellationToken cancellationToken)
    {
        var closure = await db.Schools.Where(s => s.Urn == urn && s.StatusCode == RegistryDbContext.ClosedStatusCode)
            .Select(s => s.CloseDate).ToListAsync(cancellationToken);
        if (closure is not [{ } closed] || leave <= closed) return;
        var name = ResourceNames.School(urn);
        throw new PreconditionFailedException(name,
            $"{name} closed on {closed:yyyy-MM-dd}; a membership can't run past that: give it a leave date on or before {closed:yyyy-MM-dd}.");
    }

    private static PreconditionFailedException Missing(int urn)
    {
        var name = ResourceNames.School(urn);
        return new PreconditionFailedException(name, $"{name} does not exist: create or import the school first.");
    }
}
