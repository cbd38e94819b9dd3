using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

public sealed class InspectionApi(RegistryDbContext db, TimeProvider clock) : InspectionService.InspectionServiceBase
{
    public override async Task<Inspection> GetInspection(GetInspectionRequest request, ServerCallContext context)
    {
        var (urn, id) = ResourceNames.InspectionId(request.Name, "name");
        var entity = await db.Inspections.AsNoTracking().Include(i => i.Grades).SingleOrDefaultAsync(i => i.Id == id && i.Urn == urn, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        return entity.ToMessage();
    }

    public override async Task<ListInspectionsResponse> ListInspections(ListInspectionsRequest request, ServerCallContext context)
    {
        var urn = ResourceNames.SchoolUrn(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        var filters = new ListInspectionsRequest { Parent = request.Parent };
        if (!await db.Schools.AnyAsync(s => s.Urn == urn, context.CancellationToken)) throw new NotFoundException(request.Parent);

        var query = db.Inspections.AsNoTracking().Include(i => i.Grades).Where(i => i.Urn == urn);
        if (PageToken.Read(request.PageToken, filters) is { } after)
        {
            var (date, id) = (DateOnly.Parse(after.Split('/')[0]), long.Parse(after.Split('/')[1]));
            query = query.Where(i => i.InspectionDate < date || (i.InspectionDate == date && i.Id < id));
        }
        var page = await query.OrderByDescending(i => i.InspectionDate).ThenByDescending(i => i.Id).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListInspectionsResponse();
        response.Inspections.AddRange(page.Take(size).Select(i => i.ToMessage()));
        if (page.Count > size) response.NextPageToken = PageToken.Create($"{page[size - 1].InspectionDate:yyyy-MM-dd}/{page[size - 1].Id}", filters);
        return response;
    }

    public override async Task<Inspection> CreateInspection(CreateInspectionRequest request, ServerCallContext context)
    {
        var requestId = CreateRequestLog.ParseRequestId(request.RequestId);
        var urn = ResourceNames.SchoolUrn(request.Parent, "parent");
        var inspection = request.Inspection ?? throw new ValidationFailedException("inspection", "The inspection to create is missing.");
        var violations = new Violations();
        InspectionRules.Validate(inspection, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), violations);
        violations.ThrowIfAny();

        var log = new CreateRequestLog(db, clock);
        if (await log.FindAsync(requestId, context.CancellationToken) is { } earlier) return await GetInspection(new() { Name = earlier }, context);
        var school = await db.Schools.SingleOrDefaultAsync(s => s.Urn == urn, context.CancellationToken) ?? throw new NotFoundException(request.Parent);

        var entity = inspection.ToEntity(urn, clock.UtcNowForDatabase());
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await SchoolLocks.LockAsync(db, [urn], context.CancellationToken); // before the change log's lock, as every school writer takes them
        db.Inspections.Add(entity);
        await db.SaveChangesAsync(context.CancellationToken);
        if (school.RecordInspection(entity)) school.UpdateTime = clock.UtcNowForDatabase();
        log.Record(requestId, ResourceNames.Inspection(urn, entity.Id));
        try
        {
            await db.SaveOrAbortAsync(request.Parent, context.CancellationToken);
        }
        catch (DbUpdateException ex) when (CreateRequestLog.IsDuplicateRequest(ex))
        {
            await transaction.RollbackAsync(context.CancellationToken);
            return await GetInspection(new() { Name = await log.WinnerAsync(requestId, context.CancellationToken) }, context);
        }
        await transaction.CommitAsync(context.CancellationToken);
        return entity.ToMessage();
    }
}
