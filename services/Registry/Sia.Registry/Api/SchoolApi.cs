using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

public sealed class SchoolApi(RegistryDbContext db, TimeProvider clock) : SchoolService.SchoolServiceBase
{
    private const int MaxBatchSize = 1000;

    /// <summary>Schools as the API shows them, with their alliance memberships.</summary>
    private IQueryable<SchoolEntity> Schools => db.Schools.Include(s => s.AllianceMemberships);

    public override async Task<School> GetSchool(GetSchoolRequest request, ServerCallContext context)
    {
        var urn = ResourceNames.SchoolUrn(request.Name, "name");
        var entity = await Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Urn == urn, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        return entity.ToMessage();
    }

    public override async Task<BatchGetSchoolsResponse> BatchGetSchools(BatchGetSchoolsRequest request, ServerCallContext context)
    {
        if (request.Names.Count > MaxBatchSize)
            throw new ValidationFailedException("names", $"At most {MaxBatchSize} schools per batch; this request names {request.Names.Count}.");
        var urns = request.Names.Select((name, i) => ResourceNames.SchoolUrn(name, $"names[{i}]")).ToList();
        var distinct = urns.Distinct().ToList();
        var found = await Schools.AsNoTracking().Where(s => distinct.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn, context.CancellationToken);
        var missing = distinct.Where(urn => !found.ContainsKey(urn)).Select(ResourceNames.School).ToList();
        if (missing.Count > 0) throw new NotFoundException(string.Join(", ", missing));

        var response = new BatchGetSchoolsResponse();
        response.Schools.AddRange(urns.Select(urn => found[urn].ToMessage()));
        return response;
    }

    public override async Task<ListSchoolsResponse> ListSchools(ListSchoolsRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 500);
        var violations = new Violations();
        SchoolRules.ValidateInspectionFilters(request, violations);
        var inspectedFrom = SchoolRules.ValidateDate(request.LastInspectedOnOrAfter, "last_inspected_on_or_after", violations);
        var inspectedBefore = SchoolRules.ValidateDate(request.LastInspectedBefore, "last_inspected_before", violations);
        violations.ThrowIfAny();
        var filters = request.Clone();
        filters.PageSize = 0;
        filters.PageToken = "";
        var after = PageToken.Read(request.PageToken, filters) is { } key ? int.Parse(key) : 0;

        var query = Schools.AsNoTracking().Where(s => s.Urn > after);
        if (request.LocalAuthority.Length > 0)
        {
            var code = ResourceNames.LocalAuthorityCode(request.LocalAuthority, "local_authority");
            query = query.Where(s => s.LaCode == code);
        }
        if (request.Cluster.Length > 0)
        {
            var (clusterLa, clusterId) = ResourceNames.ClusterId(request.Cluster, "cluster");
            query = query.Where(s => s.LaCode == clusterLa && s.ClusterId == clusterId);
        }
        if (request.Alliance.Length > 0)
        {
            var allianceId = ResourceNames.AllianceId(request.Alliance, "alliance");
            var today = clock.TodayInEngland();
            query = query.Where(s => s.AllianceMemberships.Any(m => m.AllianceId == allianceId && m.JoinDate <= today && (m.LeaveDate == null || m.LeaveDate > today)));
        }
        if (request.PhaseOfEducationCodes.Count > 0)
        {
            var phases = request.PhaseOfEducationCodes.ToList();
            // Equality for the common single phase lets PostgreSQL read (la_code, phase, urn) in page order.
            if (phases is [var phase]) query = query.Where(s => s.PhaseOfEducationCode == phase);
            else query = query.Where(s => phases.Contains(s.PhaseOfEducationCode));
        }
        if (request.EstablishmentTypeGroupCodes.Count > 0)
        {
            var groups = request.EstablishmentTypeGroupCodes.ToList();
            query = query.Where(s => groups.Contains(s.EstablishmentTypeGroupCode));
        }
        if (request.StatusCodes.Count > 0)
        {
            var statuses = request.StatusCodes.ToList();
            query = query.Where(s => statuses.Contains(s.StatusCode));
        }
        if (request.NameContains.Length > 0)
        {
            var pattern = "%" + request.NameContains.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern));
        }
        if (request.LatestOverallGrades.Count > 0)
        {
            var grades = request.LatestOverallGrades.ToList();
            query = query.Where(s => s.LatestOverallGrade != null && grades.Contains(s.LatestOverallGrade.Value));
        }
        if (request.LatestCategoriesOfConcern.Count > 0)
        {
            var categories = request.LatestCategoriesOfConcern.Select(c => (int)c).ToList();
            query = query.Where(s => s.LatestCategoryOfConcern != null && categories.Contains(s.LatestCategoryOfConcern.Value));
        }
        if (inspectedFrom is { } from) query = query.Where(s => s.LatestInspectionDate >= from);
        if (inspectedBefore is { } before) query = query.Where(s => s.LatestInspectionDate < before);
        var page = await query.OrderBy(s => s.Urn).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListSchoolsResponse();
        response.Schools.AddRange(page.Take(size).Select(s => s.ToMessage()));
        if (page.Count > size) response.NextPageToken = PageToken.Create(page[size - 1].Urn.ToString(), filters);
        return response;
    }

    public override async Task<School> CreateSchool(CreateSchoolRequest request, ServerCallContext context)
    {
        var requestId = CreateRequestLog.ParseRequestId(request.RequestId);
        var school = request.School ?? throw new ValidationFailedException("school", "The school to create is missing.");
        var violations = new Violations();
        if (!ResourceNames.TryParseSchool(school.Name, out var urn))
            violations.Add("school.name", $"'{school.Name}' is not a school name; expected schools/{{6-digit URN}}, for example schools/121615.");
        SchoolRules.Validate(school, "school", violations);
        violations.ThrowIfAny();

        var log = new CreateRequestLog(db, clock);
        if (await log.FindAsync(requestId, context.CancellationToken) is { } earlier) return await GetSchool(new() { Name = earlier }, context);
        await EnsureLocalAuthorityExistsAsync(school.LocalAuthorityCode, context.CancellationToken);
        await EnsureClusterExistsAsync(school.Cluster, context.CancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new SchoolEntity { Urn = urn, LaCode = school.LocalAuthorityCode, Name = school.DisplayName, CreateTime = now, UpdateTime = now };
        school.CopyTo(entity);
        db.Schools.Add(entity);
        log.Record(requestId, ResourceNames.School(urn));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (CreateRequestLog.IsDuplicateRequest(ex))
        {
            return await GetSchool(new() { Name = await log.WinnerAsync(requestId, context.CancellationToken) }, context);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw UniqueViolation(unique, entity);
        }
        return entity.ToMessage();
    }

    public override async Task<School> UpdateSchool(UpdateSchoolRequest request, ServerCallContext context)
    {
        var changes = request.School ?? throw new ValidationFailedException("school", "The school to update is missing.");
        var urn = ResourceNames.SchoolUrn(changes.Name, "school.name");
        var expectedVersion = Etag.Parse(changes.Etag, "school.etag");
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        // Locked before reading, so the memberships read include any join that took the lock first (see SchoolClosure).
        await SchoolLocks.LockAsync(db, [urn], context.CancellationToken);
        var entity = await Schools.SingleOrDefaultAsync(s => s.Urn == urn, context.CancellationToken)
            ?? throw new NotFoundException(changes.Name);
        Etag.ThrowIfStale(expectedVersion, entity.Version, changes.Name);

        var updated = entity.ToMessage();
        SchoolUpdateMask.Fields.Apply(request.UpdateMask, changes, updated);
        var violations = new Violations();
        SchoolRules.Validate(updated, "school", violations);
        violations.ThrowIfAny();
        if (updated.LocalAuthorityCode != entity.LaCode) await EnsureLocalAuthorityExistsAsync(updated.LocalAuthorityCode, context.CancellationToken);
        await EnsureClusterExistsAsync(updated.Cluster, context.CancellationToken);

        updated.CopyTo(entity);
        SchoolClosure.EndMemberships(entity, clock);
        entity.UpdateTime = clock.UtcNowForDatabase();
        try
        {
            await db.SaveOrAbortAsync(changes.Name, context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw UniqueViolation(unique, entity);
        }
        return entity.ToMessage();
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
        "ux_schools_open_laestab" => new AlreadyExistsException($"An open school with LAESTAB {entity.Laestab}"),
        _ => new AlreadyExistsException(ResourceNames.School(entity.Urn)),
    };
}
