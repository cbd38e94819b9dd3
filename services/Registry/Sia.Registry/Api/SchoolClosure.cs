using Sia.Registry.Data;

namespace Sia.Registry.Api;

/// <summary>
/// What closing a school does to its alliance memberships, for UpdateSchool and the GIAS import alike. Callers lock
/// the school's row (SchoolLocks) before loading its memberships, as AllianceMembershipWriter locks it before adding
/// one, so a join racing a close either finds the school closed or is loaded here and ended.
/// </summary>
internal static class SchoolClosure
{
    /// <summary>
    /// If the school is closed, ends each of its loaded memberships still running on the day it closed: its close
    /// date, or today in England when it has none. Reopening a school reopens nothing.
    /// </summary>
    public static void EndMemberships(SchoolEntity school, TimeProvider clock)
    {
        if (school.StatusCode != RegistryDbContext.ClosedStatusCode) return;
        var closed = school.CloseDate ?? clock.TodayInEngland();
        foreach (var membership in school.AllianceMemberships.Where(m => m.LeaveDate is null || m.LeaveDate > closed))
        {
            // A period that was to start on or after the close date never ran. It ends the day it starts (an empty
            // period, kept because memberships are never deleted) rather than outliving the school or blocking a
            // closure GIAS has already recorded.
            membership.LeaveDate = membership.JoinDate < closed ? closed : membership.JoinDate;
        }
    }
}
