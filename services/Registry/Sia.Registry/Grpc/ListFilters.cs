using Sia.Contracts.DomainErrors;

namespace Sia.Registry.Grpc;

/// <summary>The lists a List request filters by ("any of these phases"): each is a short choice among codes, never a bulk lookup.</summary>
internal static class ListFilters
{
    public const int MaxValues = 20;

    public static void CheckCount<T>(IReadOnlyCollection<T> values, string field, Violations violations)
    {
        if (values.Count > MaxValues) violations.Add(field, $"At most {MaxValues} values; this filter has {values.Count}.");
    }
}
