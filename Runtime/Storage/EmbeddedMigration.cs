using System.Reflection;

namespace Cluster.Runtime.Storage;

/// <summary>One schema migration shipped inside the assembly (<c>Storage/&lt;Provider&gt;/Migrations/NNNN_name.sql</c>).
/// Migrations run in name order, each once, recorded in the <c>schema_migrations</c> table.</summary>
internal sealed record EmbeddedMigration(string Id, string Sql)
{
    /// <summary>The migrations of one provider folder (e.g. <c>Sqlite</c>), ordered by id.</summary>
    public static IReadOnlyList<EmbeddedMigration> Load(string providerFolder)
    {
        var assembly = typeof(EmbeddedMigration).Assembly;
        var prefix = $"Cluster.Runtime.Storage.{providerFolder}.Migrations.";
        var migrations = new List<EmbeddedMigration>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded migration {name} cannot be read");
            using var reader = new StreamReader(stream);
            migrations.Add(new EmbeddedMigration(name[prefix.Length..^".sql".Length], reader.ReadToEnd()));
        }
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException($"No embedded migrations found under {prefix}: the build must embed Storage/**/*.sql");
        }
        migrations.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return migrations;
    }
}
