using Sia.Contracts.DomainErrors;
using Sia.ServiceDefaults;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Whom a booking may be for: a school the registry has (NOT_FOUND naming booking.school otherwise) that is open
/// (FAILED_PRECONDITION), and, for a partner, one it acts for (PERMISSION_DENIED saying why): its own school, a school of
/// its local authority, or a member of one of its alliances today.
/// </summary>
internal sealed class BookingSchools(ISchoolRegistry registry)
{
    public async Task<RegistrySchool> RequireBookableAsync(int urn, CallingPartner? partner, CancellationToken cancellationToken)
    {
        var name = $"schools/{urn}";
        var school = await registry.FindSchoolAsync(urn, cancellationToken)
            ?? throw new PreconditionFailedException("booking.school", $"booking.school: the registry has no school {name}.");
        if (!school.Open) throw new PreconditionFailedException("booking.school", $"booking.school: {name} is closed; only open schools book.");
        if (partner is null || partner.ActsForSchool(urn, school.LocalAuthorityCode, [])) return school;
        var memberOf = partner.ActsFor.Alliances.Count == 0 ? [] : await registry.AlliancesOfAsync(urn, partner.ActsFor.Alliances, cancellationToken);
        if (!partner.ActsForSchool(urn, school.LocalAuthorityCode, memberOf))
            throw new PermissionDeniedException(name,
                $"The partner '{partner.Name}' does not act for {name}: a school's key books for itself, a local authority's for its schools (this one is LA {school.LocalAuthorityCode}'s), an alliance's for its member schools.");
        return school;
    }
}
