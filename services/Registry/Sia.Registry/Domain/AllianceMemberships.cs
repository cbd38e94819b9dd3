using Microsoft.EntityFrameworkCore;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Domain;

/// <summary>
/// Schools' membership periods of alliances (alliances/{id}/memberships/{n}). The rules: only an open school joins;
/// two periods of one school in one alliance never overlap (the second already exists); no period of a closed school runs past its
/// close date. Each write locks the school's row first (SchoolLocks), so the checks hold at commit even with concurrent
/// writers, and a close (SchoolClosure) sees every join that went before it.
/// </summary>
internal sealed class AllianceMemberships(RegistryDbContext db, Alliances alliances, CreateRequestLog log, TimeProvider clock)
{
    public async Task<AllianceMembershipEntity> GetAsync(string allianceId, long id, CancellationToken cancellationToken) =>
        await db.AllianceMemberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.AllianceId == allianceId, cancellationToken)
        ?? throw new NotFoundException(ResourceNames.AllianceMembership(allianceId, id));

    /// <summary>An alliance's memberships by id; ended ones (and empty periods) only with <paramref name="showEnded"/>.</summary>
    public Task<Page<AllianceMembershipEntity>> ListAsync(string allianceId, bool showEnded, long? afterId, int size, CancellationToken cancellationToken)
    {
        var query = db.AllianceMemberships.AsNoTracking().Where(m => m.AllianceId == allianceId);
        if (!showEnded)
        {
            var today = clock.TodayInEngland();
            query = query.Where(m => m.LeaveDate == null || (m.LeaveDate > today && m.LeaveDate > m.JoinDate));
        }
        if (afterId is { } after) query = query.Where(m => m.Id > after);
        return query.OrderBy(m => m.Id).ToPageAsync(size, cancellationToken);
    }

    /// <summary>An open school joins the alliance for the period; with a request id, a retry gets the membership the first attempt made.</summary>
    public async Task<AllianceMembershipEntity> CreateAsync(string allianceId, string school, MembershipPeriod period, Guid? requestId, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        if (!ResourceNames.TryParseSchool(school, out var urn))
            violations.Add("alliance_membership.school", $"{TextChecks.Quote(school)} is not a school name; expected schools/{{6-digit URN}}.");
        var (join, leave) = period.Validate("alliance_membership", violations);
        violations.ThrowIfAny();

        if (await log.FindAsync(requestId, cancellationToken) is { } earlier) return await GetCreatedAsync(earlier, cancellationToken);
        await alliances.EnsureExistsAsync(allianceId, cancellationToken);

        var entity = new AllianceMembershipEntity { AllianceId = allianceId, Urn = urn, JoinDate = join!.Value, LeaveDate = leave, CreateTime = clock.UtcNowForDatabase() };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ReferencedSchools.EnsureOpenAsync(db, urn, "join an alliance", lockRow: true, cancellationToken);
            // A retry that waited for the first attempt's lock finds its result here.
            if (await log.FindAsync(requestId, cancellationToken) is { } done) return await GetCreatedAsync(done, cancellationToken);
            await EnsureNoOverlapAsync(entity, cancellationToken);
            db.AllianceMemberships.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            log.Record(requestId, ResourceNames.AllianceMembership(allianceId, entity.Id));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (CreateRequestLog.IsDuplicateRequest(ex))
        {
            return await GetCreatedAsync(await log.WinnerAsync(requestId, cancellationToken), cancellationToken);
        }
        return entity;
    }

    /// <summary>
    /// Changes a period as <paramref name="change"/> makes it, unless its version has moved past
    /// <paramref name="expectedVersion"/>: an open-ended one only for an open school, none past its school's close date.
    /// </summary>
    public async Task<AllianceMembershipEntity> UpdateAsync(string allianceId, long id, uint? expectedVersion, Func<MembershipPeriod, MembershipPeriod> change,
        CancellationToken cancellationToken)
    {
        var name = ResourceNames.AllianceMembership(allianceId, id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entity = await db.AllianceMemberships.SingleOrDefaultAsync(m => m.Id == id && m.AllianceId == allianceId, cancellationToken)
            ?? throw new NotFoundException(name);
        Etag.ThrowIfStale(expectedVersion, entity.Version, name);

        var updated = change(MembershipPeriod.Of(entity));
        var violations = new Violations();
        var (join, leave) = updated.Validate("alliance_membership", violations);
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
        await db.SaveUnlessChangedAsync(name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entity;
    }

    /// <summary>The membership an earlier create recorded under its request id.</summary>
    private async Task<AllianceMembershipEntity> GetCreatedAsync(string name, CancellationToken cancellationToken)
    {
        var (allianceId, id) = ResourceNames.AllianceMembershipId(name, "name");
        return await db.AllianceMemberships.AsNoTracking().SingleAsync(m => m.Id == id && m.AllianceId == allianceId, cancellationToken);
    }

    /// <summary>Already exists if another period of the same school in the same alliance overlaps this one.</summary>
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
