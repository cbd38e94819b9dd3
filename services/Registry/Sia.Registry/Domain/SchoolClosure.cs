using Microsoft.EntityFrameworkCore;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>
/// What closing a school does to its alliance memberships, for UpdateSchool and the GIAS import alike: every membership
/// still running on the day it closed ends then, in the same change. The schools' rows are locked first (SchoolLocks), as
/// AllianceMemberships locks a school's row before adding a membership, so a join racing a close either finds the school
/// closed or is read here and ended.
/// </summary>
internal static class SchoolClosure
{
    /// <summary>
    /// For each of these schools that is closed, reads its memberships (the rows must be locked already) and ends each
    /// one still running on its close date, or today in England when it has none. Reopening a school reopens nothing.
    /// </summary>
    public static async Task EndMembershipsAsync(RegistryDbContext db, IReadOnlyCollection<SchoolEntity> schools, TimeProvider clock, CancellationToken cancellationToken)
    {
        var closed = schools.Where(s => s.StatusCode == RegistryDbContext.ClosedStatusCode).ToList();
        if (closed.Count == 0) return;
        var closedUrns = closed.Select(s => s.Urn).ToList();
        await db.AllianceMemberships.Where(m => closedUrns.Contains(m.Urn)).LoadAsync(cancellationToken);
        foreach (var school in closed) EndMemberships(school, school.CloseDate ?? clock.TodayInEngland());
    }

    private static void EndMemberships(SchoolEntity school, DateOnly closed)
    {
        foreach (var membership in school.AllianceMemberships.Where(m => m.LeaveDate is null || m.LeaveDate > closed))
        {
            // A period that was to start on or after the close date never ran. It ends the day it starts (an empty
            // period, kept because memberships are never deleted) rather than outliving the school or blocking a
            // closure GIAS has already recorded.
            membership.LeaveDate = membership.JoinDate < closed ? closed : membership.JoinDate;
        }
    }
}
