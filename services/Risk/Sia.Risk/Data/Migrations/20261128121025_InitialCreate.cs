using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sia.Risk.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "frameworks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    la_code = table.Column<string>(type: "text", nullable: false),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    published_revision = table.Column<int>(type: "integer", nullable: false),
                    has_unpublished_changes = table.Column<bool>(type: "boolean", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_frameworks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "indicator_values",
                columns: table => new
                {
                    urn = table.Column<int>(type: "integer", nullable: false),
                    indicator = table.Column<string>(type: "text", nullable: false),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    national = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicator_values", x => new { x.urn, x.indicator, x.academic_year });
                });

            migrationBuilder.CreateTable(
                name: "inspections_recorded",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    urn = table.Column<int>(type: "integer", nullable: false),
                    inspection_id = table.Column<long>(type: "bigint", nullable: false),
                    inspection_date = table.Column<DateOnly>(type: "date", nullable: false),
                    record_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recompute_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections_recorded", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "priorities",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    owner = table.Column<string>(type: "text", nullable: false),
                    priority_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    plan = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_priorities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_follow_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    resume_token = table.Column<string>(type: "text", nullable: false),
                    applied_changes = table.Column<long>(type: "bigint", nullable: false),
                    last_change_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    advance_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_follow_state", x => x.id);
                    table.CheckConstraint("ck_registry_follow_state_one_row", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "registry_inspections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    urn = table.Column<int>(type: "integer", nullable: false),
                    inspection_date = table.Column<DateOnly>(type: "date", nullable: false),
                    framework = table.Column<int>(type: "integer", nullable: false),
                    overall_grade = table.Column<int>(type: "integer", nullable: false),
                    key_judgements = table.Column<string>(type: "jsonb", nullable: false),
                    report_card_areas = table.Column<string>(type: "jsonb", nullable: false),
                    safeguarding = table.Column<int>(type: "integer", nullable: false),
                    category_of_concern = table.Column<int>(type: "integer", nullable: false),
                    applied_changes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_inspections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_providers",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_providers", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "registry_schools",
                columns: table => new
                {
                    urn = table.Column<int>(type: "integer", nullable: false),
                    la_code = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    phase_of_education_code = table.Column<int>(type: "integer", nullable: false),
                    establishment_type_group_code = table.Column<int>(type: "integer", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    cluster = table.Column<string>(type: "text", nullable: true),
                    close_date = table.Column<DateOnly>(type: "date", nullable: true),
                    applied_changes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_schools", x => x.urn);
                });

            migrationBuilder.CreateTable(
                name: "round_requests",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "jsonb", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_round_requests", x => x.request_id);
                });

            migrationBuilder.CreateTable(
                name: "support_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    urn = table.Column<int>(type: "integer", nullable: false),
                    la_code = table.Column<string>(type: "text", nullable: false),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    interventions = table.Column<string>(type: "jsonb", nullable: false),
                    intended_outcomes = table.Column<string>(type: "jsonb", nullable: false),
                    milestones = table.Column<string>(type: "jsonb", nullable: false),
                    impact_reviews = table.Column<string>(type: "jsonb", nullable: false),
                    estimated_cost_pence = table.Column<long>(type: "bigint", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    urn = table.Column<int>(type: "integer", nullable: false),
                    la_code = table.Column<string>(type: "text", nullable: false),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    version_number = table.Column<int>(type: "integer", nullable: false),
                    is_latest = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    framework_id = table.Column<long>(type: "bigint", nullable: false),
                    framework_revision = table.Column<int>(type: "integer", nullable: false),
                    judgements = table.Column<string>(type: "jsonb", nullable: false),
                    warning_notice_issued = table.Column<bool>(type: "boolean", nullable: false),
                    assessment_date = table.Column<DateOnly>(type: "date", nullable: false),
                    result = table.Column<string>(type: "jsonb", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    category_label = table.Column<string>(type: "text", nullable: false),
                    at_risk = table.Column<bool>(type: "boolean", nullable: false),
                    causing_concern = table.Column<int>(type: "integer", nullable: false),
                    inspection_due_from = table.Column<DateOnly>(type: "date", nullable: true),
                    inspection_due_by = table.Column<DateOnly>(type: "date", nullable: true),
                    inspection_due_basis = table.Column<string>(type: "text", nullable: false),
                    latest_inspection = table.Column<string>(type: "text", nullable: true),
                    version_reason = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    publish_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessments_framework_id",
                        column: x => x.framework_id,
                        principalTable: "frameworks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "framework_revisions",
                columns: table => new
                {
                    framework_id = table.Column<long>(type: "bigint", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    publish_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_framework_revisions", x => new { x.framework_id, x.revision });
                    table.ForeignKey(
                        name: "fk_framework_revisions_framework_id",
                        column: x => x.framework_id,
                        principalTable: "frameworks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_alliance_memberships",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    urn = table.Column<int>(type: "integer", nullable: false),
                    alliance = table.Column<string>(type: "text", nullable: false),
                    join_date = table.Column<DateOnly>(type: "date", nullable: false),
                    leave_date = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_alliance_memberships", x => x.name);
                    table.ForeignKey(
                        name: "fk_registry_alliance_memberships_urn",
                        column: x => x.urn,
                        principalTable: "registry_schools",
                        principalColumn: "urn",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    la_code = table.Column<string>(type: "text", nullable: false),
                    urn = table.Column<int>(type: "integer", nullable: false),
                    assessment_id = table.Column<long>(type: "bigint", nullable: false),
                    assessment = table.Column<string>(type: "text", nullable: false),
                    reasons = table.Column<int[]>(type: "integer[]", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acknowledge_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_framework_id",
                table: "assessments",
                column: "framework_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_la_code_academic_year_round_category_urn",
                table: "assessments",
                columns: new[] { "la_code", "academic_year", "round", "category", "urn" },
                filter: "is_latest");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_la_code_academic_year_urn",
                table: "assessments",
                columns: new[] { "la_code", "academic_year", "urn" },
                filter: "is_latest");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_urn_academic_year_round_version_number",
                table: "assessments",
                columns: new[] { "urn", "academic_year", "round", "version_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_assessments_latest",
                table: "assessments",
                columns: new[] { "urn", "academic_year", "round" },
                unique: true,
                filter: "is_latest");

            migrationBuilder.CreateIndex(
                name: "ix_frameworks_la_code_academic_year",
                table: "frameworks",
                columns: new[] { "la_code", "academic_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspections_recorded_waiting",
                table: "inspections_recorded",
                column: "id",
                filter: "recompute_time IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_assessment_id",
                table: "notifications",
                column: "assessment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_la_code_id",
                table: "notifications",
                columns: new[] { "la_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_priorities_owner_academic_year_priority_id",
                table: "priorities",
                columns: new[] { "owner", "academic_year", "priority_id" });

            migrationBuilder.CreateIndex(
                name: "ix_priorities_owner_priority_id",
                table: "priorities",
                columns: new[] { "owner", "priority_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_alliance_memberships_alliance",
                table: "registry_alliance_memberships",
                column: "alliance");

            migrationBuilder.CreateIndex(
                name: "ix_registry_alliance_memberships_urn",
                table: "registry_alliance_memberships",
                column: "urn");

            migrationBuilder.CreateIndex(
                name: "ix_registry_inspections_urn_inspection_date",
                table: "registry_inspections",
                columns: new[] { "urn", "inspection_date" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_schools_la_code_urn",
                table: "registry_schools",
                columns: new[] { "la_code", "urn" });

            migrationBuilder.CreateIndex(
                name: "ix_support_plans_la_code_urn_academic_year",
                table: "support_plans",
                columns: new[] { "la_code", "urn", "academic_year" });

            migrationBuilder.CreateIndex(
                name: "ix_support_plans_urn_academic_year",
                table: "support_plans",
                columns: new[] { "urn", "academic_year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "create_requests");

            migrationBuilder.DropTable(
                name: "framework_revisions");

            migrationBuilder.DropTable(
                name: "indicator_values");

            migrationBuilder.DropTable(
                name: "inspections_recorded");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "priorities");

            migrationBuilder.DropTable(
                name: "registry_alliance_memberships");

            migrationBuilder.DropTable(
                name: "registry_follow_state");

            migrationBuilder.DropTable(
                name: "registry_inspections");

            migrationBuilder.DropTable(
                name: "registry_providers");

            migrationBuilder.DropTable(
                name: "round_requests");

            migrationBuilder.DropTable(
                name: "support_plans");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "registry_schools");

            migrationBuilder.DropTable(
                name: "frameworks");
        }
    }
}
