using Sia.Registry.V1;
using Sia.Risk.Data.ReadModel;
using Sia.Risk.Domain;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.ReadModel;

/// <summary>From the registry's messages to the read model's rows: only what the risk service reads.</summary>
internal static class RegistryMapping
{
    public static void CopyTo(this School school, RegistrySchoolEntity row)
    {
        row.LaCode = school.LocalAuthorityCode;
        row.DisplayName = school.DisplayName;
        row.PhaseOfEducationCode = school.PhaseOfEducationCode;
        row.EstablishmentTypeGroupCode = school.EstablishmentTypeGroupCode;
        row.StatusCode = school.StatusCode;
        row.Cluster = school.Cluster.Length > 0 ? school.Cluster : null;
        row.CloseDate = ToDateOnly(school.CloseDate);

        var current = school.AllianceMemberships.ToDictionary(m => m.Name);
        row.AllianceMemberships.RemoveAll(m => !current.ContainsKey(m.Name));
        foreach (var membership in current.Values)
        {
            var copy = row.AllianceMemberships.Find(m => m.Name == membership.Name);
            if (copy is null)
            {
                copy = new RegistryAllianceMembershipEntity { Name = membership.Name, Urn = school.Urn, Alliance = AllianceOf(membership.Name) };
                row.AllianceMemberships.Add(copy);
            }
            copy.JoinDate = ToDateOnly(membership.JoinDate) ?? default;
            copy.LeaveDate = ToDateOnly(membership.LeaveDate);
        }
    }

    public static void CopyTo(this Inspection inspection, RegistryInspectionEntity row)
    {
        row.InspectionDate = ToDateOnly(inspection.InspectionDate) ?? default;
        row.Framework = (InspectionFramework)inspection.Framework;
        row.OverallGrade = inspection.OverallGrade;
        row.KeyJudgements = new(inspection.KeyJudgements);
        row.ReportCardAreas = inspection.ReportCardAreas.ToDictionary(area => area.Key, area => (ReportCardGrade)area.Value);
        row.Safeguarding = (Safeguarding)inspection.Safeguarding;
        row.CategoryOfConcern = (CategoryOfConcern)inspection.CategoryOfConcern;
    }

    /// <summary>"alliances/{id}" of "alliances/{id}/memberships/{n}".</summary>
    private static string AllianceOf(string membershipName) => membershipName[..membershipName.IndexOf("/memberships/", StringComparison.Ordinal)];

    /// <summary>The registry's dates are valid or all zeros (none).</summary>
    private static DateOnly? ToDateOnly(Google.Type.Date? date) =>
        date is null || date.Year == 0 ? null : new DateOnly(date.Year, date.Month, date.Day);
}
