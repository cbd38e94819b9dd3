using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sia.Registry.Data.Migrations;

/// <summary>Clusters of an LA's schools; a school belongs to at most one cluster of its own LA.</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261122160000_Clusters")]
public sealed class Clusters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE clusters (
                la_code text NOT NULL,
                cluster_id text NOT NULL,
                display_name text NOT NULL,
                create_time timestamp with time zone NOT NULL,
                CONSTRAINT pk_clusters PRIMARY KEY (la_code, cluster_id),
                CONSTRAINT fk_clusters_la_code FOREIGN KEY (la_code) REFERENCES local_authorities (code) ON DELETE RESTRICT
            );

            ALTER TABLE schools ADD COLUMN cluster_id text NULL;
            ALTER TABLE schools ADD CONSTRAINT fk_schools_la_code_cluster_id
                FOREIGN KEY (la_code, cluster_id) REFERENCES clusters (la_code, cluster_id) ON DELETE RESTRICT;
            CREATE INDEX ix_schools_la_code_cluster_id_urn ON schools (la_code, cluster_id, urn);
            """);
    }
}
