namespace Sia.Registry.Domain;

/// <summary>A system leader's designation; numbered as the API (SystemLeader.Designation) and the database number it.</summary>
internal enum SystemLeaderDesignation
{
    Unspecified = 0,
    Nle = 1,
    Lle = 2,
    Sle = 3,
    Nlg = 4,
    Local = 5,
}
