using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.Risk.ReadModel;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.SupportPlans;

/// <summary>
/// Schools' support plans, one per academic year. Every provider an intervention names must be in the copy of the registry,
/// and a system leader newly named must be active; a change holds the plan's row lock, so its etag moves one change at a time.
/// </summary>
internal sealed class SupportPlans(RiskDbContext db, RegistryCopy registry, CreateRequestLog log, TimeProvider clock)
{
    public async Task<SupportPlanEntity> GetAsync(SupportPlanName name, CancellationToken cancellationToken) =>
        await db.SupportPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Urn == name.Urn && p.AcademicYear == name.AcademicYear, cancellationToken)
        ?? throw new NotFoundException(name.ToString());

    /// <summary>Plans by school URN, then academic year (newest first), after the plan a previous page ended with.</summary>
    public Task<Page<SupportPlanEntity>> ListAsync(int? urn, string? laCode, int? academicYear, SupportPlanName? after, int size, CancellationToken cancellationToken)
    {
        var query = db.SupportPlans.AsNoTracking();
        if (urn is { } school) query = query.Where(p => p.Urn == school);
        if (laCode is not null) query = query.Where(p => p.LaCode == laCode);
        if (academicYear is { } year) query = query.Where(p => p.AcademicYear == year);
        if (after is { } key) query = query.Where(p => p.Urn > key.Urn || (p.Urn == key.Urn && p.AcademicYear < key.AcademicYear));
        return query.OrderBy(p => p.Urn).ThenByDescending(p => p.AcademicYear).ToPageAsync(size, cancellationToken);
    }

    /// <summary>Creates a school's plan for a year; with a request id, a retry gets the one the first attempt made.</summary>
    public async Task<SupportPlanEntity> CreateAsync(SupportPlanName name, SupportPlanContent content, Guid? requestId, CancellationToken cancellationToken)
    {
        Validate(content, name.AcademicYear);
        var school = await registry.FindSchoolAsync(name.Urn, cancellationToken)
            ?? throw new PreconditionFailedException(ResourceNames.School(name.Urn),
                $"The risk service's copy of the registry has no {ResourceNames.School(name.Urn)}: record the school in the registry first, or wait for the copy to catch up.");
        if (await log.FindAsync(requestId, cancellationToken) is not null) return await GetAsync(name, cancellationToken);
        await CheckProvidersAsync(content.Interventions, [], cancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new SupportPlanEntity
        {
            Urn = name.Urn,
            LaCode = school.LaCode,
            AcademicYear = name.AcademicYear,
            Summary = content.Summary,
            Interventions = content.Interventions,
            IntendedOutcomes = content.IntendedOutcomes,
            Milestones = content.Milestones,
            ImpactReviews = content.ImpactReviews,
            EstimatedCostPence = content.EstimatedCostPence,
            CreateTime = now,
            UpdateTime = now,
        };
        db.SupportPlans.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, name.ToString(), _ => new AlreadyExistsException(name.ToString(),
            $"{ResourceNames.School(name.Urn)} already has a support plan for {AcademicYear.Label(name.AcademicYear)}: {name}. Update it instead."), cancellationToken);
        return winner is null ? entity : await GetAsync(name, cancellationToken);
    }

    /// <summary>Changes the plan as <paramref name="change"/> says; a stale etag is ABORTED.</summary>
    public async Task<SupportPlanEntity> UpdateAsync(SupportPlanName name, uint? etag, Func<SupportPlanContent, SupportPlanContent> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entity = await db.SupportPlans
            .FromSql($"SELECT *, xmin FROM support_plans WHERE urn = {name.Urn} AND academic_year = {name.AcademicYear} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(name.ToString());
        Etag.ThrowIfStale(etag, entity.Version, name.ToString());
        var content = change(new SupportPlanContent(entity.Summary, entity.Interventions, entity.IntendedOutcomes, entity.Milestones, entity.ImpactReviews));
        Validate(content, name.AcademicYear);
        await CheckProvidersAsync(content.Interventions, entity.Interventions, cancellationToken);

        entity.Summary = content.Summary;
        entity.Interventions = content.Interventions;
        entity.IntendedOutcomes = content.IntendedOutcomes;
        entity.Milestones = content.Milestones;
        entity.ImpactReviews = content.ImpactReviews;
        entity.EstimatedCostPence = content.EstimatedCostPence;
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entity;
    }

    private static void Validate(SupportPlanContent content, int academicYear)
    {
        var violations = new Violations();
        SupportPlanRules.Validate(content, academicYear, "support_plan", violations);
        violations.ThrowIfAny();
    }

    /// <summary>
    /// FAILED_PRECONDITION, naming each intervention's provider field, for a provider the copy of the registry does not hold,
    /// or a system leader no longer active in an intervention that is not already in the plan as it is.
    /// </summary>
    private async Task CheckProvidersAsync(IReadOnlyList<Intervention> interventions, IReadOnlyList<Intervention> current, CancellationToken cancellationToken)
    {
        if (interventions.Count == 0) return;
        var known = await registry.FindProvidersAsync([.. interventions.Select(i => i.Provider).Distinct(StringComparer.Ordinal)], cancellationToken);
        var problems = new List<(string Provider, string Description)>();
        for (var i = 0; i < interventions.Count; i++)
        {
            var (provider, field) = (interventions[i].Provider, $"support_plan.interventions[{i}].provider");
            if (!known.TryGetValue(provider, out var active))
                problems.Add((provider, $"{field}: the risk service's copy of the registry has no {provider}; record it in the registry first, or wait for the copy to catch up."));
            else if (!active && !current.Contains(interventions[i]))
                problems.Add((provider, $"{field}: {provider} is not active in the registry, so can't be deployed."));
        }
        if (problems.Count > 0) throw new PreconditionFailedException(problems[0].Provider, string.Join(" ", problems.Select(p => p.Description)));
    }
}
