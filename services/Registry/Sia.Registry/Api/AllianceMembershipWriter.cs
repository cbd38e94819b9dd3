using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

/// <summary>
/// Adds and changes membership periods. Each write locks the school's row first, so the checks (the school is
/// open, no two periods of one alliance overlap) hold at commit even with concurrent writers.
/// </summary>
internal sealed class AllianceMembershipWriter(RegistryDbContext db, TimeProvider clock)
{
    private static readonly UpdateMask<AllianceMembership> Fields = new(new Dictionary<string, Action<AllianceMembership, AllianceMembership>>
    {
        ["join_date"] = (from, to) => to.JoinDate = from.JoinDate,
        ["leave_date"] = (from, to) => to.LeaveDate = from.LeaveDate,
    });

    public async Task<AllianceMembership> CreateAsync(CreateAllianceMembershipRequest request, CancellationToken cancellationToken)
    {
        var allianceId = ResourceNames.AllianceId(request.Parent, "parent");
        var requestId = CreateRequestLog.ParseRequestId(request.RequestId);
        var membership = request.AllianceMembership ?? throw new ValidationFailedException("alliance_membership", "The membership to create is missing.");
        var violations = new Violations();
        if (!ResourceNames.TryParseSchool(membership.School, out var urn))
            violations.Add("alliance_membership.school", $"'{membership.School}' is not a school name; expected schools/{{6-digit URN}}.");
        var (join, leave) = AllianceRules.ValidatePeriod(membership, "alliance_membership", violations);
        violations.ThrowIfAny();

        var log = new CreateRequestLog(db, clock);
        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await GetAsync(earlier, cancellationToken);
        if (!await db.Alliances.AnyAsync(a => a.AllianceId == allianceId, cancellationToken)) throw new NotFoundException(request.Parent);

        var entity = new AllianceMembershipEntity { AllianceId = allianceId, Urn = urn, JoinDate = join!.Value, LeaveDate = leave, CreateTime = clock.UtcNowForDatabase() };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ReferencedSchools.EnsureOpenAsync(db, urn, "join an alliance", lockRow: true, cancellationToken);
            // A retry that waited for the first attempt's lock finds its result here.
            if (await log.FindAsync(requestId, cancellationToken) is { } done) return await GetAsync(done, cancellationToken);
            await EnsureNoOverlapAsync(entity, cancellationToken);
            db.AllianceMemberships.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            log.Record(requestId, ResourceNames.AllianceMembership(allianceId, entity.Id));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (CreateRequestLog.IsDuplicateRequest(ex))
        {
            return await GetAsync(await log.WinnerAsync(requestId, cancellationToken), cancellationToken);
        }
        return entity.ToMessage();
    }

    public async Task<AllianceMembership> UpdateAsync(UpdateAllianceMembershipRequest request, CancellationToken cancellationToken)
    {
        var changes = request.AllianceMembership ?? throw new ValidationFailedException("alliance_membership", "The membership to update is missing.");
        var (allianceId, id) = ResourceNames.AllianceMembershipId(changes.Name, "alliance_membership.name");
        var expectedVersion = Etag.Parse(changes.Etag, "alliance_membership.etag");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entity = await db.AllianceMemberships.SingleOrDefaultAsync(m => m.Id == id && m.AllianceId == allianceId, cancellationToken)
            ?? throw new NotFoundException(changes.Name);
        Etag.ThrowIfStale(expectedVersion, entity.Version, changes.Name);

        var updated = entity.ToMessage();
        Fields.Apply(request.UpdateMask, changes, updated);
        var violations = new Violations();
        var (join, leave) = AllianceRules.ValidatePeriod(updated, "alliance_membership", violations);
        violations.ThrowIfAny();

        if (leave is null)
            await ReferencedSchools.EnsureOpenAsync(db, entity.Urn, "stay in an alliance indefinitely (give the membership a leave date)", lockRow: true, cancellationToken);
        else
        {
            await SchoolLocks.LockAsync(db, [entity.Urn], cancellationToken);
            await ReferencedSchools.EnsureClosedNoEarlierThanAsync(db, entity.Urn, leave.Value, cancellationToken);
        }
        entity.JoinDate = join!.Value;
        entity.LeaveDate = leave;
        await EnsureNoOverlapAsync(entity, cancellationToken);
        await db.SaveOrAbortAsync(changes.Name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entity.ToMessage();
    }

    private async Task<AllianceMembership> GetAsync(string name, CancellationToken cancellationToken)
    {
        var (allianceId, id) = ResourceNames.AllianceMembershipId(name, "name");
        var entity = await db.AllianceMemberships.AsNoTracking().SingleAsync(m => m.Id == id && m.AllianceId == allianceId, cancellationToken);
        return entity.ToMessage();
    }

    /// <summary>ALREADY_EXISTS if another period of the same school in the same alliance overlaps this one.</summary>
    private async Task EnsureNoOverlapAsync(AllianceMembershipEntity period, CancellationToken cancellationToken)
    {
        var clash = await db.AllianceMemberships.AsNoTracking()
            .Where(m => m.AllianceId == period.AllianceId && m.Urn == period.Urn && m.Id != period.Id)
            .Where(m => m.LeaveDate == null || m.LeaveDate > m.JoinDate) // an empty period (see SchoolClosure) overlaps nothing
            .Where(m => period.LeaveDate == null || m.JoinDate < period.LeaveDate)
            .Where(m => m.LeaveDate == null || m.LeaveDate > period.JoinDate)
            .OrderBy(m => m.JoinDate)
            .FirstOrDefaultAsync(cancellationToken);
        if (clash is null) return;
        var clashName = ResourceNames.AllianceMembership(clash.AllianceId, clash.Id);
        var until = clash.LeaveDate is { } end ? $"until {end:yyyy-MM-dd}" : "with no leave date";
        throw new AlreadyExistsException(clashName,
            $"{ResourceNames.School(period.Urn)} is already a member of {ResourceNames.Alliance(period.AllianceId)} from {clash.JoinDate:yyyy-MM-dd} {until} ({clashName}); end that membership or choose dates that don't overlap it.");
    }
}
