using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>Local authorities, by their 3-digit DfE code: read, listed in code order, created.</summary>
internal sealed class LocalAuthorities(RegistryDbContext db, CreateRequestLog log, TimeProvider clock)
{
    public async Task<LocalAuthorityEntity> GetAsync(string code, CancellationToken cancellationToken) =>
        await db.LocalAuthorities.AsNoTracking().SingleOrDefaultAsync(la => la.Code == code, cancellationToken)
        ?? throw new NotFoundException(ResourceNames.LocalAuthority(code));

    public Task<Page<LocalAuthorityEntity>> ListAsync(string? afterCode, int size, CancellationToken cancellationToken)
    {
        var query = db.LocalAuthorities.AsNoTracking().OrderBy(la => la.Code).AsQueryable();
        if (afterCode is not null) query = query.Where(la => string.Compare(la.Code, afterCode) > 0);
        return query.ToPageAsync(size, cancellationToken);
    }

    /// <summary>Creates a local authority; with a request id, a retry gets the one the first attempt made.</summary>
    public async Task<LocalAuthorityEntity> CreateAsync(string code, string displayName, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        if (code.Length != 3 || !code.All(char.IsAsciiDigit)) violations.Add("local_authority.code", $"{TextChecks.Quote(code)} is not a 3-digit DfE LA code.");
        if (string.IsNullOrWhiteSpace(displayName)) violations.Add("local_authority.display_name", "A local authority needs a name.");
        else TextLimits.Check(displayName, TextLimits.Name, "local_authority.display_name", violations);
        violations.ThrowIfAny();

        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await GetAsync(ResourceNames.LocalAuthorityCode(earlier, "name"), cancellationToken);

        var now = clock.UtcNowForDatabase();
        var entity = new LocalAuthorityEntity { Code = code, DisplayName = displayName.Trim(), CreateTime = now, UpdateTime = now };
        db.LocalAuthorities.Add(entity);
        var winner = await log.SaveCreateAsync(requestId, ResourceNames.LocalAuthority(code), _ => new AlreadyExistsException(ResourceNames.LocalAuthority(code)), cancellationToken);
        return winner is null ? entity : await GetAsync(ResourceNames.LocalAuthorityCode(winner, "name"), cancellationToken);
    }
}
