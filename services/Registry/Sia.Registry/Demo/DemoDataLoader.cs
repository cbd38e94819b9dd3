using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.ServiceKit.Domain;
using Sia.Contracts.Ofsted;

namespace Sia.Registry.Demo;

/// <summary>
/// Adds whatever of the demo registry (<see cref="DemoCatalog"/>) is missing, in one transaction, so running it
/// again changes nothing. Schools, inspections and system leaders pass the domain's rules and are stored as the domain stores them.
/// </summary>
public sealed partial class DemoDataLoader(RegistryDbContext db, TimeProvider clock, ILogger<DemoDataLoader> logger)
{
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.UtcNowForDatabase();
        var added = await AddLocalAuthoritiesAndClustersAsync(now, cancellationToken)
            + await AddSchoolsAsync(now, cancellationToken)
            + await AddInspectionsAsync(now, cancellationToken)
            + await AddAlliancesAsync(now, cancellationToken)
            + await AddSystemLeadersAsync(now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogLoaded(logger, added, DemoCatalog.Schools.Length);
    }

    private async Task<int> AddLocalAuthoritiesAndClustersAsync(DateTime now, CancellationToken cancellationToken)
    {
        var codes = await db.LocalAuthorities.Select(la => la.Code).ToListAsync(cancellationToken);
        var clusters = await db.Clusters.Where(c => c.LaCode == "816").Select(c => c.ClusterId).ToListAsync(cancellationToken);
        var newAuthorities = DemoCatalog.LocalAuthorities.Where(la => !codes.Contains(la.Code))
            .Select(la => new LocalAuthorityEntity { Code = la.Code, DisplayName = la.Name, CreateTime = now, UpdateTime = now }).ToList();
        var newClusters = DemoCatalog.YorkClusters.Where(c => !clusters.Contains(c.Id))
            .Select(c => new ClusterEntity { LaCode = "816", ClusterId = c.Id, DisplayName = c.Name, CreateTime = now }).ToList();
        db.LocalAuthorities.AddRange(newAuthorities);
        db.Clusters.AddRange(newClusters);
        await db.SaveChangesAsync(cancellationToken);
        return newAuthorities.Count + newClusters.Count;
    }

    private async Task<int> AddSchoolsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var urns = DemoCatalog.Schools.Select(s => s.Urn).ToList();
        var existing = await db.Schools.Where(s => urns.Contains(s.Urn)).Select(s => s.Urn).ToListAsync(cancellationToken);
        var missing = DemoCatalog.Schools.Where(s => !existing.Contains(s.Urn)).ToList();
        foreach (var demo in missing)
        {
            var school = ToDetails(demo);
            var violations = new Violations();
            SchoolRules.Validate(school, "school", violations);
            ThrowIfInvalid(violations, ResourceNames.School(demo.Urn));
            db.Schools.Add(school.NewEntity(demo.Urn, now));
        }
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    private async Task<int> AddInspectionsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var inspected = DemoCatalog.Schools.Where(s => s.Latest is not null).ToDictionary(s => s.Urn, s => (DemoInspection[])[.. s.Earlier ?? [], s.Latest!]);
        var urns = inspected.Keys.ToList();
        var uninspected = await db.Schools.Where(s => urns.Contains(s.Urn) && !db.Inspections.Any(i => i.Urn == s.Urn)).ToListAsync(cancellationToken);
        var today = clock.TodayInEngland();
        var added = uninspected.SelectMany(school => inspected[school.Urn].OrderBy(demo => demo.Date).Select(demo =>
        {
            var inspection = ToReport(demo);
            var violations = new Violations();
            InspectionRules.Validate(inspection, today, violations);
            ThrowIfInvalid(violations, ResourceNames.School(school.Urn));
            var entity = inspection.NewEntity(school.Urn, now);
            db.Inspections.Add(entity);
            return (school, entity);
        })).ToList();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (school, inspection) in added) LatestInspection.Record(school, inspection);
        await db.SaveChangesAsync(cancellationToken);
        return added.Count;
    }

    private async Task<int> AddAlliancesAsync(DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.Alliances.Select(a => a.AllianceId).ToListAsync(cancellationToken);
        var missing = DemoCatalog.Alliances.Where(a => !existing.Contains(a.Id)).ToList();
        foreach (var alliance in missing)
        {
            db.Alliances.Add(new AllianceEntity { AllianceId = alliance.Id, DisplayName = alliance.Name, Kind = alliance.Kind, LeadUrn = alliance.LeadUrn, CreateTime = now, UpdateTime = now });
            foreach (var urn in alliance.MemberUrns)
            {
                var left = DemoCatalog.FormerMembers.Where(f => f.AllianceId == alliance.Id && f.Urn == urn).Select(f => (DateOnly?)f.Left).SingleOrDefault();
                db.AllianceMemberships.Add(new AllianceMembershipEntity { AllianceId = alliance.Id, Urn = urn, JoinDate = DemoCatalog.AlliancesFounded, LeaveDate = left, CreateTime = now });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return missing.Sum(a => 1 + a.MemberUrns.Length);
    }

    private async Task<int> AddSystemLeadersAsync(DateTime now, CancellationToken cancellationToken)
    {
        var names = DemoCatalog.SystemLeaders.Select(l => l.Name).ToList();
        var existing = await db.SystemLeaders.Where(l => names.Contains(l.DisplayName)).Select(l => l.DisplayName).ToListAsync(cancellationToken);
        var missing = DemoCatalog.SystemLeaders.Where(l => !existing.Contains(l.Name)).ToList();
        foreach (var demo in missing)
        {
            var leader = new SystemLeaderDetails
            {
                DisplayName = demo.Name,
                Designation = (SystemLeaderDesignation)demo.Designation,
                LocalDesignation = demo.LocalDesignation ?? "",
                HomeSchool = demo.HomeUrn is { } urn ? ResourceNames.School(urn) : "",
                Alliance = demo.AllianceId is { } id ? ResourceNames.Alliance(id) : "",
                Specialisms = demo.Specialisms,
                PhaseOfEducationCodes = demo.Phases,
                Active = true,
                DesignationDate = CalendarDate.From(DemoCatalog.AlliancesFounded),
            };
            var violations = new Violations();
            SystemLeaderRules.Validate(leader, violations);
            ThrowIfInvalid(violations, demo.Name);
            db.SystemLeaders.Add(leader.NewEntity(now));
        }
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    private static SchoolDetails ToDetails(DemoSchool demo) => new()
    {
        LocalAuthorityCode = demo.LaCode,
        EstablishmentNumber = demo.EstablishmentNumber,
        DisplayName = demo.Name,
        TypeOfEstablishmentCode = demo.TypeCode,
        EstablishmentTypeGroupCode = demo.TypeGroupCode,
        PhaseOfEducationCode = demo.PhaseCode,
        StatusCode = demo.Closed ? RegistryDbContext.ClosedStatusCode : 1,
        OpenDate = new CalendarDate(1970, 9, 1),
        CloseDate = demo.Closed ? new CalendarDate(2016, 8, 31) : null,
        StatutoryLowAge = demo.LowAge,
        StatutoryHighAge = demo.HighAge,
        Capacity = demo.Pupils + demo.Pupils / 10,
        Pupils = demo.Pupils,
        FreeSchoolMealsPercentage = (double)demo.FreeSchoolMealsPercentage,
        Address = SchoolAddress.None with { Postcode = demo.Postcode },
        Cluster = demo.ClusterId is { } cluster ? ResourceNames.Cluster(demo.LaCode, cluster) : "",
    };

    private static InspectionReport ToReport(DemoInspection demo)
    {
        var inspection = new InspectionReport
        {
            InspectionDate = CalendarDate.From(demo.Date),
            Framework = (InspectionFramework)demo.Framework,
            CategoryOfConcern = (CategoryOfConcern)demo.CategoryOfConcern,
        };
        return inspection.Framework switch
        {
            InspectionFramework.ReportCard2025 => inspection with
            {
                ReportCardAreas = [.. ReportCardAreas.Select(area => (area, (ReportCardGrade)demo.Grade))],
                Safeguarding = Safeguarding.Met,
            },
            InspectionFramework.CommonInspectionFramework2015 => inspection with
            {
                OverallGrade = demo.Grade,
                KeyJudgements = [.. Cif2015Judgements.Select(judgement => (judgement, demo.Grade))],
            },
            _ => inspection with
            {
                OverallGrade = demo.Grade,
                KeyJudgements = [.. Eif2019Judgements.Select(judgement => (judgement, demo.Grade))],
            },
        };
    }

    private static readonly string[] Cif2015Judgements =
        ["leadership_and_management", "teaching_learning_and_assessment", "personal_development_behaviour_and_welfare", "outcomes"];

    private static readonly string[] Eif2019Judgements = ["quality_of_education", "behaviour_and_attitudes", "personal_development", "leadership_and_management"];

    private static readonly string[] ReportCardAreas =
        ["inclusion", "curriculum_and_teaching", "achievement", "attendance_and_behaviour", "personal_development_and_wellbeing", "leadership_and_governance"];

    private static void ThrowIfInvalid(Violations violations, string what)
    {
        try
        {
            violations.ThrowIfAny();
        }
        catch (ValidationFailedException invalid)
        {
            throw new InvalidOperationException($"The demo catalog's {what} is invalid: {invalid.Message}", invalid);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Demo data loaded: {Added} records added ({Schools} demo schools in all).")]
    private static partial void LogLoaded(ILogger logger, int added, int schools);
}
