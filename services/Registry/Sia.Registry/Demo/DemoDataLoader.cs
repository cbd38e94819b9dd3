using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Api;
using Sia.Registry.Data;
using Sia.Registry.V1;
using static Sia.Registry.V1.Inspection.Types;

namespace Sia.Registry.Demo;

/// <summary>
/// Adds whatever of the demo registry (<see cref="DemoCatalog"/>) is missing, in one transaction, so running it
/// again changes nothing. Schools and inspections go through the API's own validation and mapping.
/// </summary>
public sealed class DemoDataLoader(RegistryDbContext db, TimeProvider clock, ILogger<DemoDataLoader> logger)
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
        logger.LogInformation("Demo data loaded: {Added} records added ({Schools} demo schools in all).", added, DemoCatalog.Schools.Length);
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
            var school = ToMessage(demo);
            var violations = new Violations();
            SchoolRules.Validate(school, "school", violations);
            ThrowIfInvalid(violations, school.Name);
            var entity = new SchoolEntity { Urn = demo.Urn, LaCode = demo.LaCode, Name = demo.Name, CreateTime = now, UpdateTime = now };
            school.CopyTo(entity);
            db.Schools.Add(entity);
        }
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    private async Task<int> AddInspectionsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var inspected = DemoCatalog.Schools.Where(s => s.Latest is not null).ToDictionary(s => s.Urn, s => s.Latest!);
        var urns = inspected.Keys.ToList();
        var uninspected = await db.Schools.Where(s => urns.Contains(s.Urn) && !db.Inspections.Any(i => i.Urn == s.Urn)).ToListAsync(cancellationToken);
        var today = clock.TodayInEngland();
        var added = uninspected.Select(school =>
        {
            var inspection = ToMessage(inspected[school.Urn]);
            var violations = new Violations();
            InspectionRules.Validate(inspection, today, violations);
            ThrowIfInvalid(violations, ResourceNames.School(school.Urn));
            var entity = inspection.ToEntity(school.Urn, now);
            db.Inspections.Add(entity);
            return (school, entity);
        }).ToList();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (school, inspection) in added) school.RecordInspection(inspection);
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
            var leader = new SystemLeader
            {
                DisplayName = demo.Name,
                Designation = (SystemLeader.Types.Designation)demo.Designation,
                LocalDesignation = demo.LocalDesignation ?? "",
                HomeSchool = demo.HomeUrn is { } urn ? ResourceNames.School(urn) : "",
                Alliance = demo.AllianceId is { } id ? ResourceNames.Alliance(id) : "",
                Specialisms = { demo.Specialisms },
                PhaseOfEducationCodes = { demo.Phases },
                Active = true,
                DesignationDate = SchoolMapping.ToDate(DemoCatalog.AlliancesFounded),
            };
            var violations = new Violations();
            SystemLeaderRules.Validate(leader, violations);
            ThrowIfInvalid(violations, demo.Name);
            var entity = new SystemLeaderEntity { DisplayName = demo.Name, CreateTime = now, UpdateTime = now };
            leader.CopyTo(entity);
            db.SystemLeaders.Add(entity);
        }
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    private static School ToMessage(DemoSchool demo) => new()
    {
        Name = ResourceNames.School(demo.Urn),
        LocalAuthorityCode = demo.LaCode,
        EstablishmentNumber = demo.EstablishmentNumber,
        DisplayName = demo.Name,
        TypeOfEstablishmentCode = demo.TypeCode,
        EstablishmentTypeGroupCode = demo.TypeGroupCode,
        PhaseOfEducationCode = demo.PhaseCode,
        StatusCode = demo.Closed ? RegistryDbContext.ClosedStatusCode : 1,
        OpenDate = SchoolMapping.ToDate(new DateOnly(1970, 9, 1)),
        CloseDate = demo.Closed ? SchoolMapping.ToDate(new DateOnly(2016, 8, 31)) : null,
        StatutoryLowAge = demo.LowAge,
        StatutoryHighAge = demo.HighAge,
        Capacity = demo.Pupils + demo.Pupils / 10,
        Pupils = demo.Pupils,
        FreeSchoolMealsPercentage = (double)demo.FreeSchoolMealsPercentage,
        Address = new Address { Postcode = demo.Postcode },
        Cluster = demo.ClusterId is { } cluster ? ResourceNames.Cluster(demo.LaCode, cluster) : "",
    };

    private static Inspection ToMessage(DemoInspection demo)
    {
        var inspection = new Inspection
        {
            InspectionDate = SchoolMapping.ToDate(demo.Date),
            Framework = (Framework)demo.Framework,
            CategoryOfConcern = (CategoryOfConcern)demo.CategoryOfConcern,
        };
        switch (inspection.Framework)
        {
            case Framework.ReportCard2025:
                foreach (var area in ReportCardAreas) inspection.ReportCardAreas[area] = (ReportCardGrade)demo.Grade;
                inspection.Safeguarding = Safeguarding.Met;
                break;
            case Framework.CommonInspectionFramework2015:
                inspection.OverallGrade = demo.Grade;
                foreach (var judgement in Cif2015Judgements) inspection.KeyJudgements[judgement] = demo.Grade;
                break;
            default:
                inspection.OverallGrade = demo.Grade;
                foreach (var judgement in Eif2019Judgements) inspection.KeyJudgements[judgement] = demo.Grade;
                break;
        }
        return inspection;
    }

    private static readonly string[] Cif2015Judgements =
        ["leadership_and_management", "teaching_learning_and_assessment", "personal_development_behaviour_and_welfare", "outcomes"];

    private static readonly string[] Eif2019Judgements = ["quality_of_education", "behaviour_and_attitudes", "personal_development", "leadership_and_management"];

    private static readonly string[] ReportCardAreas =
        ["inclusion", "curriculum_and_teaching", "achievement", "attendance_and_behaviour", "personal_development_and_wellbeing", "leadership_and_governance"];

    private static void ThrowIfInvalid(Violations violations, string what)
    {
        if (violations.Items.Count > 0)
            throw new InvalidOperationException($"The demo catalog's {what} is invalid: {string.Join("; ", violations.Items.Select(v => $"{v.Field}: {v.Description}"))}");
    }
}
