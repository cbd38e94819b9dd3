using Sia.Contracts.DomainErrors;
using Sia.ServiceDefaults;

namespace Sia.Cpd.Domain.Charges;

/// <summary>A school's charges for a term, "schools/990001/termCharges/2015-16-autumn".</summary>
internal readonly record struct TermChargesName(int SchoolUrn, SchoolTerm Term)
{
    public override string ToString() => $"schools/{SchoolUrn}/termCharges/{Term}";

    public static TermChargesName Parse(string name, string field) =>
        name.Split('/') is ["schools", var urn, "termCharges", var term] && PartnerActsFor.IsSchoolUrn(urn) && SchoolTerm.TryParse(term, out var schoolTerm)
            ? new TermChargesName(int.Parse(urn, System.Globalization.CultureInfo.InvariantCulture), schoolTerm)
            : throw new ValidationFailedException(field,
                $"{TextChecks.Quote(name)} is not a school's term charges; expected schools/{{urn}}/termCharges/{{yyyy-yy}}-{{autumn|spring|summer}}, for example schools/990001/termCharges/2015-16-autumn.");
}
