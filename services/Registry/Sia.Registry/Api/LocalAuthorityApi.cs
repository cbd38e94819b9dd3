using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

public sealed class LocalAuthorityApi(RegistryDbContext db, TimeProvider clock) : LocalAuthorityService.LocalAuthorityServiceBase
{
    public override async Task<LocalAuthority> GetLocalAuthority(GetLocalAuthorityRequest request, ServerCallContext context)
    {
        var code = ResourceNames.LocalAuthorityCode(request.Name, "name");
        var entity = await db.LocalAuthorities.AsNoTracking().SingleOrDefaultAsync(la => la.Code == code, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        return ToMessage(entity);
    }

    public override async Task<ListLocalAuthoritiesResponse> ListLocalAuthorities(ListLocalAuthoritiesRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, defaultSize: 100, maxSize: 500);
        var after = PageToken.Read(request.PageToken, new ListLocalAuthoritiesRequest());
        var query = db.LocalAuthorities.AsNoTracking().OrderBy(la => la.Code).AsQueryable();
        if (after is not null) query = query.Where(la => string.Compare(la.Code, after) > 0);
        var page = await query.Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListLocalAuthoritiesResponse();
        response.LocalAuthorities.AddRange(page.Take(size).Select(ToMessage));
        if (page.Count > size) response.NextPageToken = PageToken.Create(page[size - 1].Code, new ListLocalAuthoritiesRequest());
        return response;
    }

    public override async Task<LocalAuthority> CreateLocalAuthority(CreateLocalAuthorityRequest request, ServerCallContext context)
    {
        var requestId = CreateRequestLog.ParseRequestId(request.RequestId);
        var la = request.LocalAuthority ?? throw new ValidationFailedException("local_authority", "The local authority to create is missing.");
        var violations = new Violations();
        var code = la.Code.Length > 0 ? la.Code : ResourceNames.TryParseLocalAuthority(la.Name, out var fromName) ? fromName : "";
        if (code.Length != 3 || !code.All(char.IsAsciiDigit)) violations.Add("local_authority.code", $"'{la.Code}' is not a 3-digit DfE LA code.");
        if (string.IsNullOrWhiteSpace(la.DisplayName)) violations.Add("local_authority.display_name", "A local authority needs a name.");
        violations.ThrowIfAny();

        var log = new CreateRequestLog(db, clock);
        if (await log.FindAsync(requestId, context.CancellationToken) is { } earlier) return await GetLocalAuthority(new() { Name = earlier }, context);

        var now = clock.UtcNowForDatabase();
        var entity = new LocalAuthorityEntity { Code = code, DisplayName = la.DisplayName.Trim(), CreateTime = now, UpdateTime = now };
        db.LocalAuthorities.Add(entity);
        log.Record(requestId, ResourceNames.LocalAuthority(code));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (CreateRequestLog.IsDuplicateRequest(ex))
        {
            return await GetLocalAuthority(new() { Name = await log.WinnerAsync(requestId, context.CancellationToken) }, context);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new AlreadyExistsException(ResourceNames.LocalAuthority(code));
        }
        return ToMessage(entity);
    }

    internal static LocalAuthority ToMessage(LocalAuthorityEntity entity) => new()
    {
        Name = ResourceNames.LocalAuthority(entity.Code),
        Code = entity.Code,
        DisplayName = entity.DisplayName,
        Etag = Etag.From(entity.Version),
    };
}
