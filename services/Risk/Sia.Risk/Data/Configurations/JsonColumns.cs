using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.Configurations;

/// <summary>A property stored as a jsonb document (<see cref="FrameworkJson"/>), compared by its JSON so that a change in place is saved.</summary>
internal static class JsonColumns
{
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property) where T : class
    {
        property.HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, FrameworkJson.Options),
            json => JsonSerializer.Deserialize<T>(json, FrameworkJson.Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, FrameworkJson.Options) == JsonSerializer.Serialize(b, FrameworkJson.Options),
                value => JsonSerializer.Serialize(value, FrameworkJson.Options).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, FrameworkJson.Options), FrameworkJson.Options)!));
        return property;
    }
}
