using Sia.Contracts.DomainErrors;
using Sia.ServiceDefaults;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// Whom a booking may be for: a school the registry has (NOT_FOUND naming booking.school otherwise) that is open
/// (FAILED_PRECONDITION), and, for a partner, one it acts for (PERMISSION_DENIED saying why): its own school, a school of
/// its local authority, or a member of one of its alliances on the session's date.
/// </summary>
internal sealed class BookingSchools(ISchoolRegistry registry)
{
    /// <summary><paramref name="sessionDay"/> is asked for only when membership decides.</summary>
    public async Task<RegistrySchool> RequireBookableAsync(int urn, CallingPartner? partner, Func<CancellationToken, Task<DateOnly>> sessionDay,
        CancellationToken cancellationToken)
    {
        var name = $"schools/{urn}";
        var school = await registry.FindSchoolAsync(urn, cancellationToken)
            ?? throw new PreconditionFailedException("booking.school", $"booking.school: the registry has no school {name}.");
        if (!school.Open) throw new PreconditionFailedException("booking.school", $"booking.school: {name} is closed; only open schools book.");
        if (partner is null || partner.ActsForSchool(urn, school.LocalAuthorityCode, [])) return school;
        var memberOf = partner.ActsFor.Alliances.Count == 0 ? []
            : await registry.AlliancesOfAsync(urn, partner.ActsFor.Alliances, await sessionDay(cancellationToken), cancellationToken);
        if (!partner.ActsForSchool(urn, school.LocalAuthorityCode, memberOf))
            throw new PermissionDeniedException(name,
                $"The partner '{partner.Name}' does not act for {name}: a school's key books for itself, a local authority's for its schools (this one is LA {school.LocalAuthorityCode}'s), an alliance's for the schools that are its members on the session's date.");
        return school;
    }
}
