using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sia.Registry.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "changes",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    resource_name = table.Column<string>(type: "text", nullable: false),
                    change_type = table.Column<string>(type: "text", nullable: false),
                    change_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_changes", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "create_requests",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resource_name = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_create_requests", x => x.request_id);
                });

            migrationBuilder.CreateTable(
                name: "local_authorities",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_local_authorities", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "clusters",
                columns: table => new
                {
                    la_code = table.Column<string>(type: "text", nullable: false),
                    cluster_id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clusters", x => new { x.la_code, x.cluster_id });
                    table.ForeignKey(
                        name: "fk_clusters_la_code",
                        column: x => x.la_code,
                        principalTable: "local_authorities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "schools",
                columns: table => new
                {
                    urn = table.Column<int>(type: "integer", nullable: false),
                    la_code = table.Column<string>(type: "text", nullable: false),
                    establishment_number = table.Column<int>(type: "integer", nullable: false),
                    laestab = table.Column<int>(type: "integer", nullable: false),
                    ukprn = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    type_of_establishment_code = table.Column<int>(type: "integer", nullable: false),
                    establishment_type_group_code = table.Column<int>(type: "integer", nullable: false),
                    phase_of_education_code = table.Column<int>(type: "integer", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    open_date = table.Column<DateOnly>(type: "date", nullable: true),
                    close_date = table.Column<DateOnly>(type: "date", nullable: true),
                    statutory_low_age = table.Column<int>(type: "integer", nullable: true),
                    statutory_high_age = table.Column<int>(type: "integer", nullable: true),
                    capacity = table.Column<int>(type: "integer", nullable: true),
                    pupils = table.Column<int>(type: "integer", nullable: true),
                    free_school_meals_percentage = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: true),
                    trust = table.Column<string>(type: "text", nullable: true),
                    federation = table.Column<string>(type: "text", nullable: true),
                    diocese = table.Column<string>(type: "text", nullable: true),
                    headteacher = table.Column<string>(type: "text", nullable: true),
                    street = table.Column<string>(type: "text", nullable: true),
                    locality = table.Column<string>(type: "text", nullable: true),
                    town = table.Column<string>(type: "text", nullable: true),
                    postcode = table.Column<string>(type: "text", nullable: true),
                    cluster_id = table.Column<string>(type: "text", nullable: true),
                    latest_inspection_id = table.Column<long>(type: "bigint", nullable: true),
                    latest_inspection_date = table.Column<DateOnly>(type: "date", nullable: true),
                    latest_overall_grade = table.Column<int>(type: "integer", nullable: true),
                    latest_category_of_concern = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schools", x => x.urn);
                    table.ForeignKey(
                        name: "fk_schools_la_code",
                        column: x => x.la_code,
                        principalTable: "local_authorities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_schools_la_code_cluster_id",
                        columns: x => new { x.la_code, x.cluster_id },
                        principalTable: "clusters",
                        principalColumns: new[] { "la_code", "cluster_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alliances",
                columns: table => new
                {
                    alliance_id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    lead_urn = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alliances", x => x.alliance_id);
                    table.ForeignKey(
                        name: "fk_alliances_lead_urn",
                        column: x => x.lead_urn,
                        principalTable: "schools",
                        principalColumn: "urn",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    urn = table.Column<int>(type: "integer", nullable: false),
                    inspection_date = table.Column<DateOnly>(type: "date", nullable: false),
                    framework = table.Column<int>(type: "integer", nullable: false),
                    overall_grade = table.Column<int>(type: "integer", nullable: true),
                    safeguarding = table.Column<int>(type: "integer", nullable: false),
                    category_of_concern = table.Column<int>(type: "integer", nullable: false),
                    report_url = table.Column<string>(type: "text", nullable: true),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspections_urn",
                        column: x => x.urn,
                        principalTable: "schools",
                        principalColumn: "urn",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alliance_memberships",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alliance_id = table.Column<string>(type: "text", nullable: false),
                    urn = table.Column<int>(type: "integer", nullable: false),
                    join_date = table.Column<DateOnly>(type: "date", nullable: false),
                    leave_date = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alliance_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_alliance_memberships_alliance_id",
                        column: x => x.alliance_id,
                        principalTable: "alliances",
                        principalColumn: "alliance_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_alliance_memberships_urn",
                        column: x => x.urn,
                        principalTable: "schools",
                        principalColumn: "urn",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "system_leaders",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    designation = table.Column<int>(type: "integer", nullable: false),
                    local_designation = table.Column<string>(type: "text", nullable: true),
                    home_urn = table.Column<int>(type: "integer", nullable: true),
                    alliance_id = table.Column<string>(type: "text", nullable: true),
                    specialisms = table.Column<List<string>>(type: "text[]", nullable: false),
                    phase_of_education_codes = table.Column<List<int>>(type: "integer[]", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    designation_date = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_system_leaders", x => x.id);
                    table.ForeignKey(
                        name: "fk_system_leaders_alliance_id",
                        column: x => x.alliance_id,
                        principalTable: "alliances",
                        principalColumn: "alliance_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_system_leaders_home_urn",
                        column: x => x.home_urn,
                        principalTable: "schools",
                        principalColumn: "urn",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_grades",
                columns: table => new
                {
                    inspection_id = table.Column<long>(type: "bigint", nullable: false),
                    area = table.Column<string>(type: "text", nullable: false),
                    grade = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_grades", x => new { x.inspection_id, x.area });
                    table.ForeignKey(
                        name: "fk_inspection_grades_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alliance_memberships_alliance_id_urn",
                table: "alliance_memberships",
                columns: new[] { "alliance_id", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_alliance_memberships_urn",
                table: "alliance_memberships",
                column: "urn");

            migrationBuilder.CreateIndex(
                name: "ux_alliance_memberships_open",
                table: "alliance_memberships",
                columns: new[] { "alliance_id", "urn" },
                unique: true,
                filter: "leave_date IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_alliances_lead_urn",
                table: "alliances",
                column: "lead_urn");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_urn_inspection_date_id",
                table: "inspections",
                columns: new[] { "urn", "inspection_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_establishment_type_group_code_urn",
                table: "schools",
                columns: new[] { "establishment_type_group_code", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_la_code_cluster_id_urn",
                table: "schools",
                columns: new[] { "la_code", "cluster_id", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_la_code_phase_of_education_code_urn",
                table: "schools",
                columns: new[] { "la_code", "phase_of_education_code", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_la_code_urn",
                table: "schools",
                columns: new[] { "la_code", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_latest_inspection_date_urn",
                table: "schools",
                columns: new[] { "latest_inspection_date", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_latest_overall_grade_urn",
                table: "schools",
                columns: new[] { "latest_overall_grade", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_phase_of_education_code_urn",
                table: "schools",
                columns: new[] { "phase_of_education_code", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_status_code_urn",
                table: "schools",
                columns: new[] { "status_code", "urn" });

            migrationBuilder.CreateIndex(
                name: "ux_schools_open_laestab",
                table: "schools",
                column: "laestab",
                unique: true,
                filter: "status_code <> 2");

            migrationBuilder.CreateIndex(
                name: "ix_system_leaders_alliance_id",
                table: "system_leaders",
                column: "alliance_id");

            migrationBuilder.CreateIndex(
                name: "ix_system_leaders_home_urn",
                table: "system_leaders",
                column: "home_urn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alliance_memberships");

            migrationBuilder.DropTable(
                name: "changes");

            migrationBuilder.DropTable(
                name: "create_requests");

            migrationBuilder.DropTable(
                name: "inspection_grades");

            migrationBuilder.DropTable(
                name: "system_leaders");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "alliances");

            migrationBuilder.DropTable(
                name: "schools");

            migrationBuilder.DropTable(
                name: "clusters");

            migrationBuilder.DropTable(
                name: "local_authorities");
        }
    }
}
