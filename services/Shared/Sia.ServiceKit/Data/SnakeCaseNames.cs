using Microsoft.EntityFrameworkCore;

namespace Sia.ServiceKit.Data;

/// <summary>Columns, keys and indexes named the PostgreSQL way (la_code, ix_schools_la_code_urn).</summary>
public static class SnakeCaseNames
{
    /// <summary>Renames what the entity configurations left to EF's defaults; run after them.</summary>
    public static void Apply(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                if (property.IsConcurrencyToken && property.ClrType == typeof(uint)) continue; // xmin keeps its name
                property.SetColumnName(SnakeCase(property.Name));
            }
            // Types only seen as the CLR type of a converted property (a jsonb document) have no key, and leave the model later.
            entity.FindPrimaryKey()?.SetName($"pk_{table}");
            foreach (var key in entity.GetForeignKeys())
            {
                key.SetConstraintName($"fk_{table}_{string.Join("_", key.Properties.Select(p => SnakeCase(p.Name)))}");
            }
            foreach (var index in entity.GetIndexes().Where(i => i.GetDatabaseName() is null || i.GetDatabaseName()!.StartsWith("IX_", StringComparison.Ordinal)))
            {
                index.SetDatabaseName($"ix_{table}_{string.Join("_", index.Properties.Select(p => SnakeCase(p.Name)))}");
            }
        }
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
