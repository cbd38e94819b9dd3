using Sia.Contracts.DomainErrors;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Domain.Priorities;

/// <summary>Whose priorities: a local authority by its 3-digit code, or an alliance by its registry id.</summary>
internal readonly record struct PriorityOwner(PriorityOwnerKind Kind, string Id)
{
    public const string Format = "localAuthorities/{3-digit code} or alliances/{alliance id}, for example localAuthorities/816 or alliances/ebor";

    public string Name => Kind == PriorityOwnerKind.LocalAuthority ? ResourceNames.LocalAuthority(Id) : ResourceNames.Alliance(Id);

    public override string ToString() => Name;

    /// <summary>"localAuthorities/816" or "alliances/ebor" (alliance ids as the registry makes them); false for anything else.</summary>
    public static bool TryParse(string name, out PriorityOwner owner)
    {
        owner = default;
        if (name.StartsWith("localAuthorities/", StringComparison.Ordinal) && name["localAuthorities/".Length..] is var code && PartnerActsFor.IsLocalAuthorityCode(code))
            owner = new PriorityOwner(PriorityOwnerKind.LocalAuthority, code);
        else if (ResourceNames.AllianceId(name) is { } id && PartnerActsFor.IsAllianceId(id))
            owner = new PriorityOwner(PriorityOwnerKind.Alliance, id);
        else return false;
        return true;
    }

    public static PriorityOwner Parse(string name, string field) => TryParse(name, out var owner)
        ? owner
        : throw new ValidationFailedException(field, $"{TextChecks.Quote(name)} is not a local authority or alliance name; expected {Format}.");
}

internal enum PriorityOwnerKind
{
    LocalAuthority,
    Alliance,
}

/// <summary>A priority by its owner and id: "localAuthorities/816/priorities/good-or-better-2015".</summary>
internal readonly record struct PriorityName(PriorityOwner Owner, string Id)
{
    private const string Collection = "/priorities/";

    public override string ToString() => $"{Owner.Name}{Collection}{Id}";

    /// <summary><see cref="ResourceIds.Rule"/>.</summary>
    public static bool IsId(string id) => ResourceIds.IsKebab(id);

    public static PriorityName Parse(string name, string field)
    {
        var at = name.IndexOf(Collection, StringComparison.Ordinal);
        if (at > 0 && PriorityOwner.TryParse(name[..at], out var owner) && name[(at + Collection.Length)..] is var id && IsId(id)) return new PriorityName(owner, id);
        throw new ValidationFailedException(field,
            $"{TextChecks.Quote(name)} is not a priority name; expected {{owner}}/priorities/{{priority id}}, the owner {PriorityOwner.Format}, for example localAuthorities/816/priorities/good-or-better-2015.");
    }

    public static string ParseId(string id, string field) => IsId(id)
        ? id
        : throw new ValidationFailedException(field,
            $"{TextChecks.Quote(id)} is not a priority id: {ResourceIds.Rule}, for example good-or-better-2015.");
}
