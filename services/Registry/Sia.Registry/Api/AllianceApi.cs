using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

public sealed class AllianceApi(RegistryDbContext db, TimeProvider clock) : AllianceService.AllianceServiceBase
{
    private static readonly UpdateMask<Alliance> AllianceFields = new(new Dictionary<string, Action<Alliance, Alliance>>
    {
        ["display_name"] = (from, to) => to.DisplayName = from.DisplayName,
        ["kind"] = (from, to) => to.Kind = from.Kind,
        ["lead_school"] = (from, to) => to.LeadSchool = from.LeadSchool,
    });

    public override async Task<Alliance> GetAlliance(GetAllianceRequest request, ServerCallContext context)
    {
        var allianceId = ResourceNames.AllianceId(request.Name, "name");
        var entity = await db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.AllianceId == allianceId, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        return entity.ToMessage();
    }

    public override async Task<ListAlliancesResponse> ListAlliances(ListAlliancesRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 100);
        var query = db.Alliances.AsNoTracking();
        if (PageToken.Read(request.PageToken, new ListAlliancesRequest()) is { } after) query = query.Where(a => string.Compare(a.AllianceId, after) > 0);
        var page = await query.OrderBy(a => a.AllianceId).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListAlliancesResponse();
        response.Alliances.AddRange(page.Take(size).Select(a => a.ToMessage()));
        if (page.Count > size) response.NextPageToken = PageToken.Create(page[size - 1].AllianceId, new ListAlliancesRequest());
        return response;
    }

    public override async Task<Alliance> CreateAlliance(CreateAllianceRequest request, ServerCallContext context)
    {
        var alliance = request.Alliance ?? throw new ValidationFailedException("alliance", "The alliance to create is missing.");
        var violations = new Violations();
        if (!ResourceNames.IsValidChosenId(request.AllianceId))
            violations.Add("alliance_id", $"'{request.AllianceId}' is not an alliance id: {ResourceNames.ChosenIdRule}.");
        AllianceRules.Validate(alliance, "alliance", violations);
        violations.ThrowIfAny();
        var leadUrn = ResourceNames.SchoolUrn(alliance.LeadSchool, "alliance.lead_school");
        await ReferencedSchools.EnsureOpenAsync(db, leadUrn, "lead an alliance", lockRow: false, context.CancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new AllianceEntity { AllianceId = request.AllianceId, DisplayName = alliance.DisplayName.Trim(), Kind = (int)alliance.Kind, LeadUrn = leadUrn, CreateTime = now, UpdateTime = now };
        db.Alliances.Add(entity);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new AlreadyExistsException(ResourceNames.Alliance(request.AllianceId));
        }
        return entity.ToMessage();
    }

    public override async Task<Alliance> UpdateAlliance(UpdateAllianceRequest request, ServerCallContext context)
    {
        var changes = request.Alliance ?? throw new ValidationFailedException("alliance", "The alliance to update is missing.");
        var allianceId = ResourceNames.AllianceId(changes.Name, "alliance.name");
        var expectedVersion = Etag.Parse(changes.Etag, "alliance.etag");
        var entity = await db.Alliances.SingleOrDefaultAsync(a => a.AllianceId == allianceId, context.CancellationToken)
            ?? throw new NotFoundException(changes.Name);
        Etag.ThrowIfStale(expectedVersion, entity.Version, changes.Name);

        var updated = entity.ToMessage();
        AllianceFields.Apply(request.UpdateMask, changes, updated);
        var violations = new Violations();
        AllianceRules.Validate(updated, "alliance", violations);
        violations.ThrowIfAny();
        var leadUrn = ResourceNames.SchoolUrn(updated.LeadSchool, "alliance.lead_school");
        if (leadUrn != entity.LeadUrn) await ReferencedSchools.EnsureOpenAsync(db, leadUrn, "lead an alliance", lockRow: false, context.CancellationToken);

        entity.DisplayName = updated.DisplayName.Trim();
        entity.Kind = (int)updated.Kind;
        entity.LeadUrn = leadUrn;
        entity.UpdateTime = clock.UtcNowForDatabase();
        await db.SaveOrAbortAsync(changes.Name, context.CancellationToken);
        return entity.ToMessage();
    }

    public override async Task<AllianceMembership> GetAllianceMembership(GetAllianceMembershipRequest request, ServerCallContext context)
    {
        var (allianceId, id) = ResourceNames.AllianceMembershipId(request.Name, "name");
        var entity = await db.AllianceMemberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.AllianceId == allianceId, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        return entity.ToMessage();
    }

    public override async Task<ListAllianceMembershipsResponse> ListAllianceMemberships(ListAllianceMembershipsRequest request, ServerCallContext context)
    {
        var allianceId = ResourceNames.AllianceId(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 100, maxSize: 500);
        var filters = new ListAllianceMembershipsRequest { Parent = request.Parent, ShowEnded = request.ShowEnded };
        if (!await db.Alliances.AnyAsync(a => a.AllianceId == allianceId, context.CancellationToken)) throw new NotFoundException(request.Parent);

        var query = db.AllianceMemberships.AsNoTracking().Where(m => m.AllianceId == allianceId);
        if (!request.ShowEnded)
        {
            var today = clock.TodayInEngland();
            query = query.Where(m => m.LeaveDate == null || (m.LeaveDate > today && m.LeaveDate > m.JoinDate));
        }
        if (PageToken.Read(request.PageToken, filters) is { } after)
        {
            var afterId = long.Parse(after);
            query = query.Where(m => m.Id > afterId);
        }
        var page = await query.OrderBy(m => m.Id).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListAllianceMembershipsResponse();
        response.AllianceMemberships.AddRange(page.Take(size).Select(m => m.ToMessage()));
        if (page.Count > size) response.NextPageToken = PageToken.Create(page[size - 1].Id.ToString(), filters);
        return response;
    }

    public override Task<AllianceMembership> CreateAllianceMembership(CreateAllianceMembershipRequest request, ServerCallContext context) =>
        new AllianceMembershipWriter(db, clock).CreateAsync(request, context.CancellationToken);

    public override Task<AllianceMembership> UpdateAllianceMembership(UpdateAllianceMembershipRequest request, ServerCallContext context) =>
        new AllianceMembershipWriter(db, clock).UpdateAsync(request, context.CancellationToken);
}
