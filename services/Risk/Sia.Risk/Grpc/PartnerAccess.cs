using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Priorities;
using Sia.ServiceDefaults;

namespace Sia.Risk.Grpc;

/// <summary>
/// Who may see and change what: a partner calling through the gateway reaches only the local authorities (and their
/// schools) and alliances it acts for; a call from inside, with no partner, reaches everything. An LA's frameworks and
/// notifications, and an LA's or alliance's improvement priorities, are PERMISSION_DENIED to others; a school's
/// assessments are NOT_FOUND to them, as whether a school has one is itself private.
/// </summary>
internal static class PartnerAccess
{
    public static void RequireLocalAuthority(this ServerCallContext context, string laCode)
    {
        if (context.GetCallingPartner() is { } partner && !partner.ActsForLocalAuthority(laCode))
            throw new PermissionDeniedException(ResourceNames.LocalAuthority(laCode), $"{Describe(partner)}; not for {ResourceNames.LocalAuthority(laCode)}.");
    }

    public static void RequireAlliance(this ServerCallContext context, string allianceId)
    {
        if (context.GetCallingPartner() is { } partner && !partner.ActsForAlliance(allianceId))
            throw new PermissionDeniedException(ResourceNames.Alliance(allianceId), $"{Describe(partner)}; not for {ResourceNames.Alliance(allianceId)}.");
    }

    /// <summary>An improvement priority's owner, an LA or alliance the partner must act for (PERMISSION_DENIED otherwise).</summary>
    public static void RequireOwner(this ServerCallContext context, PriorityOwner owner)
    {
        if (owner.Kind == PriorityOwnerKind.LocalAuthority) context.RequireLocalAuthority(owner.Id);
        else context.RequireAlliance(owner.Id);
    }

    /// <summary>True for a call from inside, or from a partner that acts for everyone: no need to look the school up.</summary>
    public static bool GetCallingPartnerActsForEveryone(this ServerCallContext context) => context.GetCallingPartner() is null or { ActsForEveryone: true };

    /// <summary>NOT_FOUND naming <paramref name="resourceName"/> unless the partner acts for the school.</summary>
    public static void RequireSchool(this ServerCallContext context, int urn, string laCode, IEnumerable<string> allianceIds, string resourceName)
    {
        if (context.GetCallingPartner() is { } partner && !partner.ActsForSchool(urn, laCode, allianceIds)) throw new NotFoundException(resourceName);
    }

    /// <summary>"The partner 'York LA Officer' acts for localAuthorities/816 only".</summary>
    private static string Describe(CallingPartner partner)
    {
        var whom = partner.ActsFor.LocalAuthorities.Select(ResourceNames.LocalAuthority)
            .Concat(partner.ActsFor.Alliances.Select(ResourceNames.Alliance))
            .Concat(partner.ActsFor.Schools.Select(ResourceNames.School));
        return $"The partner '{partner.Name}' acts for {string.Join(", ", whom)} only";
    }

}
