using System.Globalization;
using System.Text.RegularExpressions;

namespace Sia.Risk.ReadModel;

/// <summary>The registry's resource names that the read model reads ids from.</summary>
internal static partial class RegistryNames
{
    public static string Inspection(int urn, long id) => $"schools/{urn}/inspections/{id}";

    /// <summary>"schools/{urn}/inspections/{id}", as the registry writes it.</summary>
    public static bool TryParseInspection(string name, out int urn, out long id)
    {
        var match = InspectionPattern().Match(name);
        urn = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        id = match.Success ? long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success;
    }

    [GeneratedRegex(@"^schools/([1-9][0-9]{5})/inspections/([1-9][0-9]{0,17})\z")]
    private static partial Regex InspectionPattern();
}
