using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sia.Registry.Data.Migrations
{
    /// <summary>
    /// Inspections are in the change log from now on (RegistryDbContext.SaveChangesAsync); those recorded before are logged
    /// here, as created, after every change so far, so that a watcher from the start of the log receives every inspection.
    /// As every writer of the log does, it takes the log's lock and notifies its listeners.
    /// </summary>
    public partial class LogExistingInspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                SELECT pg_advisory_xact_lock({RegistryDbContext.ChangeLogLockId});
                INSERT INTO changes (resource_name, change_type, change_time)
                SELECT 'schools/' || urn || '/inspections/' || id, '{ChangeEntity.Created}', create_time FROM inspections ORDER BY id;
                NOTIFY {ChangeLogCommits.Channel};
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM changes WHERE resource_name LIKE 'schools/%/inspections/%'");
        }
    }
}
