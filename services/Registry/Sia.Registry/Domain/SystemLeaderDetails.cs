using Sia.Registry.Data;

namespace Sia.Registry.Domain;

/// <summary>A system leader as a create or an update gives them; the home school and alliance by resource name, blank for none.</summary>
internal sealed record SystemLeaderDetails
{
    public string DisplayName { get; init; } = "";
    public SystemLeaderDesignation Designation { get; init; }

    /// <summary>For <see cref="SystemLeaderDesignation.Local"/> only: the LA's own title (YLE).</summary>
    public string LocalDesignation { get; init; } = "";
    public string HomeSchool { get; init; } = "";
    public string Alliance { get; init; } = "";
    public IReadOnlyList<string> Specialisms { get; init; } = [];
    public IReadOnlyList<int> PhaseOfEducationCodes { get; init; } = [];
    public bool Active { get; init; }
    public CalendarDate? DesignationDate { get; init; }

    public static SystemLeaderDetails Of(SystemLeaderEntity entity) => new()
    {
        DisplayName = entity.DisplayName,
        Designation = (SystemLeaderDesignation)entity.Designation,
        LocalDesignation = entity.LocalDesignation ?? "",
        HomeSchool = entity.HomeUrn is { } urn ? ResourceNames.School(urn) : "",
        Alliance = entity.AllianceId is { } alliance ? ResourceNames.Alliance(alliance) : "",
        Specialisms = [.. entity.Specialisms],
        PhaseOfEducationCodes = [.. entity.PhaseOfEducationCodes],
        Active = entity.Active,
        DesignationDate = CalendarDate.From(entity.DesignationDate),
    };

    /// <summary>A new leader's row, from (validated) details.</summary>
    public SystemLeaderEntity NewEntity(DateTime now)
    {
        var entity = new SystemLeaderEntity { DisplayName = "", CreateTime = now, UpdateTime = now };
        CopyTo(entity);
        return entity;
    }

    /// <summary>Copies every updatable value of (validated) details onto the row.</summary>
    public void CopyTo(SystemLeaderEntity entity)
    {
        entity.DisplayName = DisplayName.Trim();
        entity.Designation = (int)Designation;
        entity.LocalDesignation = Designation == SystemLeaderDesignation.Local ? LocalDesignation : null;
        entity.HomeUrn = HomeSchool.Length == 0 ? null : ResourceNames.SchoolUrn(HomeSchool, "system_leader.home_school");
        entity.AllianceId = Alliance.Length == 0 ? null : ResourceNames.AllianceId(Alliance, "system_leader.alliance");
        entity.Specialisms = Specialisms.Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        entity.PhaseOfEducationCodes = PhaseOfEducationCodes.Distinct().Order().ToList();
        entity.Active = Active;
        entity.DesignationDate = DesignationDate?.ToDateOnly();
    }
}
