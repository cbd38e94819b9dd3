using System.Globalization;

namespace Sia.Funding.Domain;

/// <summary>Money as people read it in messages; amounts themselves stay integer pence.</summary>
internal static class Pence
{
    /// <summary>"£251,700.00" for 25170000 (0 or more).</summary>
    public static string InPounds(long pence) => string.Create(CultureInfo.InvariantCulture, $"£{pence / 100:N0}.{pence % 100:00}");
}
