using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>Schools: read with their alliance memberships, listed by URN, created by URN and updated; never deleted, only closed.</summary>
internal sealed class Schools(RegistryDbContext db, CreateRequestLog log, TimeProvider clock)
{
    /// <summary>Schools as they are shown, with their alliance memberships.</summary>
    private IQueryable<SchoolEntity> WithMemberships => db.Schools.Include(s => s.AllianceMemberships);

    public async Task<SchoolEntity> GetAsync(int urn, CancellationToken cancellationToken) =>
        await WithMemberships.AsNoTracking().SingleOrDefaultAsync(s => s.Urn == urn, cancellationToken)
        ?? throw new NotFoundException(ResourceNames.School(urn));

    /// <summary>The schools in the order asked for, repeats included; not found naming every one that does not exist.</summary>
    public async Task<IReadOnlyList<SchoolEntity>> GetManyAsync(IReadOnlyList<int> urns, CancellationToken cancellationToken)
    {
        var distinct = urns.Distinct().ToList();
        var found = await WithMemberships.AsNoTracking().Where(s => distinct.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn, cancellationToken);
        var missing = distinct.Where(urn => !found.ContainsKey(urn)).Select(ResourceNames.School).ToList();
        if (missing.Count > 0) throw new NotFoundException(string.Join(", ", missing));
        return [.. urns.Select(urn => found[urn])];
    }

    public async Task EnsureExistsAsync(int urn, CancellationToken cancellationToken)
    {
        if (!await db.Schools.AnyAsync(s => s.Urn == urn, cancellationToken)) throw new NotFoundException(ResourceNames.School(urn));
    }

    public Task<Page<SchoolEntity>> ListAsync(SchoolFilter filter, int afterUrn, int size, CancellationToken cancellationToken)
    {
        var query = WithMemberships.AsNoTracking().Where(s => s.Urn > afterUrn);
        if (filter.LocalAuthorityCode is { } code) query = query.Where(s => s.LaCode == code);
        if (filter.Cluster is { } cluster) query = query.Where(s => s.LaCode == cluster.LaCode && s.ClusterId == cluster.ClusterId);
        if (filter.AllianceId is { } allianceId)
        {
            var today = clock.TodayInEngland();
            query = query.Where(s => s.AllianceMemberships.Any(m => m.AllianceId == allianceId && m.JoinDate <= today && (m.LeaveDate == null || m.LeaveDate > today)));
        }
        if (filter.PhaseOfEducationCodes.Count > 0)
        {
            var phases = filter.PhaseOfEducationCodes.ToList();
            // Equality for the common single phase lets PostgreSQL read (la_code, phase, urn) in page order.
            if (phases is [var phase]) query = query.Where(s => s.PhaseOfEducationCode == phase);
            else query = query.Where(s => phases.Contains(s.PhaseOfEducationCode));
        }
        if (filter.EstablishmentTypeGroupCodes.Count > 0)
        {
            var groups = filter.EstablishmentTypeGroupCodes.ToList();
            query = query.Where(s => groups.Contains(s.EstablishmentTypeGroupCode));
        }
        if (filter.StatusCodes.Count > 0)
        {
            var statuses = filter.StatusCodes.ToList();
            query = query.Where(s => statuses.Contains(s.StatusCode));
        }
        if (filter.NameContains.Length > 0)
        {
            var pattern = "%" + filter.NameContains.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern));
        }
        if (filter.LatestOverallGrades.Count > 0)
        {
            var grades = filter.LatestOverallGrades.ToList();
            query = query.Where(s => s.LatestOverallGrade != null && grades.Contains(s.LatestOverallGrade.Value));
        }
        if (filter.LatestCategoriesOfConcern.Count > 0)
        {
            var categories = filter.LatestCategoriesOfConcern.Select(c => (int)c).ToList();
            query = query.Where(s => s.LatestCategoryOfConcern != null && categories.Contains(s.LatestCategoryOfConcern.Value));
        }
        if (filter.LastInspectedOnOrAfter is { } from) query = query.Where(s => s.LatestInspectionDate >= from);
        if (filter.LastInspectedBefore is { } before) query = query.Where(s => s.LatestInspectionDate < before);
        return query.OrderBy(s => s.Urn).ToPageAsync(size, cancellationToken);
    }

    /// <summary>
    /// Creates the school <paramref name="name"/> (schools/{URN}) in an existing local authority and cluster; with a request
    /// id, a retry gets the school the first attempt made.
    /// </summary>
    public async Task<SchoolEntity> CreateAsync(string name, SchoolDetails school, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        if (!ResourceNames.TryParseSchool(name, out var urn))
            violations.Add("school.name", $"{TextChecks.Quote(name)} is not a school name; expected schools/{{6-digit URN}}, for example schools/121615.");
        SchoolRules.Validate(school, "school", violations);
        violations.ThrowIfAny();

        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await GetAsync(ResourceNames.SchoolUrn(earlier, "name"), cancellationToken);
        await EnsureLocalAuthorityExistsAsync(school.LocalAuthorityCode, cancellationToken);
        await EnsureClusterExistsAsync(school.Cluster, cancellationToken);

        var entity = school.NewEntity(urn, clock.UtcNowForDatabase());
        db.Schools.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, ResourceNames.School(urn), unique => UniqueViolation(unique, entity), cancellationToken);
        return winner is null ? entity : await GetAsync(ResourceNames.SchoolUrn(winner, "name"), cancellationToken);
    }

    /// <summary>
    /// Changes a school as <paramref name="change"/> makes its details, unless its version has moved past
    /// <paramref name="expectedVersion"/>; closing it ends its alliance memberships (<see cref="SchoolClosure"/>).
    /// </summary>
    public async Task<SchoolEntity> UpdateAsync(int urn, uint? expectedVersion, Func<SchoolDetails, SchoolDetails> change, CancellationToken cancellationToken)
    {
        var name = ResourceNames.School(urn);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked before reading, so the memberships read include any join that took the lock first (see SchoolClosure).
        await SchoolLocks.LockAsync(db, [urn], cancellationToken);
        var entity = await WithMemberships.SingleOrDefaultAsync(s => s.Urn == urn, cancellationToken) ?? throw new NotFoundException(name);
        Etag.ThrowIfStale(expectedVersion, entity.Version, name);

        var updated = change(SchoolDetails.Of(entity));
        var violations = new Violations();
        SchoolRules.Validate(updated, "school", violations);
        violations.ThrowIfAny();
        if (updated.LocalAuthorityCode != entity.LaCode) await EnsureLocalAuthorityExistsAsync(updated.LocalAuthorityCode, cancellationToken);
        await EnsureClusterExistsAsync(updated.Cluster, cancellationToken);

        updated.CopyTo(entity);
        await SchoolClosure.EndMembershipsAsync(db, [entity], clock, cancellationToken);
        entity.UpdateTime = clock.UtcNowForDatabase();
        try
        {
            await db.SaveUnlessChangedAsync(name, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw UniqueViolation(unique, entity);
        }
        return entity;
    }

    private async Task EnsureLocalAuthorityExistsAsync(string code, CancellationToken cancellationToken)
    {
        if (!await db.LocalAuthorities.AnyAsync(la => la.Code == code, cancellationToken))
        {
            var name = ResourceNames.LocalAuthority(code);
            throw new PreconditionFailedException(name, $"{name} does not exist: create the local authority before its schools.");
        }
    }

    private async Task EnsureClusterExistsAsync(string cluster, CancellationToken cancellationToken)
    {
        if (cluster.Length == 0) return;
        var (laCode, clusterId) = ResourceNames.ClusterId(cluster, "school.cluster");
        if (!await db.Clusters.AnyAsync(c => c.LaCode == laCode && c.ClusterId == clusterId, cancellationToken))
        {
            throw new PreconditionFailedException(cluster, $"{cluster} does not exist: create the cluster before placing schools in it.");
        }
    }

    private static AlreadyExistsException UniqueViolation(PostgresException unique, SchoolEntity entity) => unique.ConstraintName switch
    {
        RegistryDbContext.OpenLaestabIndex => new AlreadyExistsException($"An open school with LAESTAB {entity.Laestab}"),
        _ => new AlreadyExistsException(ResourceNames.School(entity.Urn)),
    };
}
