using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

public sealed class SystemLeaderApi(RegistryDbContext db, TimeProvider clock) : SystemLeaderService.SystemLeaderServiceBase
{
    private static readonly UpdateMask<SystemLeader> Fields = new(new Dictionary<string, Action<SystemLeader, SystemLeader>>
    {
        ["display_name"] = (from, to) => to.DisplayName = from.DisplayName,
        ["designation"] = (from, to) => to.Designation = from.Designation,
        ["local_designation"] = (from, to) => to.LocalDesignation = from.LocalDesignation,
        ["home_school"] = (from, to) => to.HomeSchool = from.HomeSchool,
        ["alliance"] = (from, to) => to.Alliance = from.Alliance,
        ["specialisms"] = (from, to) => { to.Specialisms.Clear(); to.Specialisms.Add(from.Specialisms); },
        ["phase_of_education_codes"] = (from, to) => { to.PhaseOfEducationCodes.Clear(); to.PhaseOfEducationCodes.Add(from.PhaseOfEducationCodes); },
        ["active"] = (from, to) => to.Active = from.Active,
        ["designation_date"] = (from, to) => to.DesignationDate = from.DesignationDate,
    });

    public override async Task<SystemLeader> GetSystemLeader(GetSystemLeaderRequest request, ServerCallContext context)
    {
        var id = ResourceNames.SystemLeaderId(request.Name, "name");
        var entity = await db.SystemLeaders.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        return entity.ToMessage();
    }

    public override async Task<ListSystemLeadersResponse> ListSystemLeaders(ListSystemLeadersRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 500);
        var filters = request.Clone();
        filters.PageSize = 0;
        filters.PageToken = "";
        var query = db.SystemLeaders.AsNoTracking();
        if (PageToken.Read(request.PageToken, filters) is { } after)
        {
            var afterId = long.Parse(after);
            query = query.Where(l => l.Id > afterId);
        }
        if (request.Designations.Count > 0)
        {
            var designations = request.Designations.Select(d => (int)d).ToList();
            query = query.Where(l => designations.Contains(l.Designation));
        }
        if (request.Alliance.Length > 0)
        {
            var allianceId = ResourceNames.AllianceId(request.Alliance, "alliance");
            query = query.Where(l => l.AllianceId == allianceId);
        }
        if (request.LocalAuthority.Length > 0)
        {
            var laCode = ResourceNames.LocalAuthorityCode(request.LocalAuthority, "local_authority");
            query = query.Where(l => db.Schools.Any(s => s.Urn == l.HomeUrn && s.LaCode == laCode));
        }
        if (request.Specialism.Length > 0)
        {
            var specialism = request.Specialism.Trim().ToLowerInvariant();
            query = query.Where(l => l.Specialisms.Any(s => s.ToLower() == specialism));
        }
        if (request.HasPhaseOfEducationCode)
        {
            var phase = request.PhaseOfEducationCode;
            query = query.Where(l => l.PhaseOfEducationCodes.Contains(phase));
        }
        if (request.HasActive)
        {
            var active = request.Active;
            query = query.Where(l => l.Active == active);
        }
        var page = await query.OrderBy(l => l.Id).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListSystemLeadersResponse();
        response.SystemLeaders.AddRange(page.Take(size).Select(l => l.ToMessage()));
        if (page.Count > size) response.NextPageToken = PageToken.Create(page[size - 1].Id.ToString(), filters);
        return response;
    }

    public override async Task<SystemLeader> CreateSystemLeader(CreateSystemLeaderRequest request, ServerCallContext context)
    {
        var requestId = CreateRequestLog.ParseRequestId(request.RequestId);
        var leader = request.SystemLeader ?? throw new ValidationFailedException("system_leader", "The system leader to create is missing.");
        var violations = new Violations();
        SystemLeaderRules.Validate(leader, violations);
        violations.ThrowIfAny();

        var log = new CreateRequestLog(db, clock);
        if (await log.FindAsync(requestId, context.CancellationToken) is { } earlier) return await GetSystemLeader(new() { Name = earlier }, context);
        await EnsureReferencesExistAsync(leader, context.CancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new SystemLeaderEntity { DisplayName = "", CreateTime = now, UpdateTime = now };
        leader.CopyTo(entity);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
            db.SystemLeaders.Add(entity);
            await db.SaveChangesAsync(context.CancellationToken);
            log.Record(requestId, ResourceNames.SystemLeader(entity.Id));
            await db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (CreateRequestLog.IsDuplicateRequest(ex))
        {
            return await GetSystemLeader(new() { Name = await log.WinnerAsync(requestId, context.CancellationToken) }, context);
        }
        return entity.ToMessage();
    }

    public override async Task<SystemLeader> UpdateSystemLeader(UpdateSystemLeaderRequest request, ServerCallContext context)
    {
        var changes = request.SystemLeader ?? throw new ValidationFailedException("system_leader", "The system leader to update is missing.");
        var id = ResourceNames.SystemLeaderId(changes.Name, "system_leader.name");
        var expectedVersion = Etag.Parse(changes.Etag, "system_leader.etag");
        var entity = await db.SystemLeaders.SingleOrDefaultAsync(l => l.Id == id, context.CancellationToken)
            ?? throw new NotFoundException(changes.Name);
        Etag.ThrowIfStale(expectedVersion, entity.Version, changes.Name);

        var updated = entity.ToMessage();
        Fields.Apply(request.UpdateMask, changes, updated);
        var violations = new Violations();
        SystemLeaderRules.Validate(updated, violations);
        violations.ThrowIfAny();
        await EnsureReferencesExistAsync(updated, context.CancellationToken);

        updated.CopyTo(entity);
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveOrAbortAsync(changes.Name, context.CancellationToken);
        return entity.ToMessage();
    }

    private async Task EnsureReferencesExistAsync(SystemLeader leader, CancellationToken cancellationToken)
    {
        if (leader.HomeSchool.Length > 0)
            await ReferencedSchools.EnsureExistsAsync(db, ResourceNames.SchoolUrn(leader.HomeSchool, "system_leader.home_school"), cancellationToken);
        if (leader.Alliance.Length > 0)
        {
            var allianceId = ResourceNames.AllianceId(leader.Alliance, "system_leader.alliance");
            if (!await db.Alliances.AnyAsync(a => a.AllianceId == allianceId, cancellationToken))
                throw new PreconditionFailedException(leader.Alliance, $"{leader.Alliance} does not exist: create the alliance first.");
        }
    }
}
