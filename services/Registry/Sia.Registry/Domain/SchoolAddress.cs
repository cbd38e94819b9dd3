namespace Sia.Registry.Domain;

/// <summary>A school's postal address; blank parts are unknown.</summary>
internal sealed record SchoolAddress(string Street, string Locality, string Town, string Postcode)
{
    public static readonly SchoolAddress None = new("", "", "", "");
}
