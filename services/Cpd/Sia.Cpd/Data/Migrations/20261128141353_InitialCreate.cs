using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sia.Cpd.Data.Migrations
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
                name: "programmes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alliance_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    free_cancellation_working_days = table.Column<int>(type: "integer", nullable: false),
                    late_cancellation_fee_pence = table.Column<long>(type: "bigint", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programmes", x => x.id);
                    table.UniqueConstraint("AK_programmes_alliance_id_academic_year", x => new { x.alliance_id, x.academic_year });
                    table.CheckConstraint("ck_programmes_free_cancellation_working_days", "free_cancellation_working_days BETWEEN 0 AND 60");
                    table.CheckConstraint("ck_programmes_late_cancellation_fee_pence", "late_cancellation_fee_pence >= 0");
                });

            migrationBuilder.CreateTable(
                name: "courses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alliance_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    course_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    title = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    improvement_priorities = table.Column<List<string>>(type: "text[]", nullable: false),
                    audiences = table.Column<int[]>(type: "integer[]", nullable: false),
                    phases = table.Column<int[]>(type: "integer[]", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_courses", x => x.id);
                    table.UniqueConstraint("AK_courses_alliance_id_academic_year_course_id", x => new { x.alliance_id, x.academic_year, x.course_id });
                    table.ForeignKey(
                        name: "fk_courses_alliance_id_academic_year",
                        columns: x => new { x.alliance_id, x.academic_year },
                        principalTable: "programmes",
                        principalColumns: new[] { "alliance_id", "academic_year" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alliance_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    course_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    session_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    start_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    end_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    venue = table.Column<string>(type: "text", nullable: false),
                    online = table.Column<bool>(type: "boolean", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    minimum_numbers = table.Column<int>(type: "integer", nullable: false),
                    booking_deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    price_with_sla_pence = table.Column<long>(type: "bigint", nullable: false),
                    price_without_sla_pence = table.Column<long>(type: "bigint", nullable: false),
                    funded_places_fund = table.Column<string>(type: "text", nullable: true),
                    funded_places = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    cancellation_reason = table.Column<string>(type: "text", nullable: true),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sessions", x => x.id);
                    table.UniqueConstraint("AK_sessions_alliance_id_academic_year_course_id_session_id", x => new { x.alliance_id, x.academic_year, x.course_id, x.session_id });
                    table.CheckConstraint("ck_sessions_cancellation_reason", "(status = 3) = (cancellation_reason IS NOT NULL)");
                    table.CheckConstraint("ck_sessions_capacity", "capacity >= 1");
                    table.CheckConstraint("ck_sessions_funded_places", "(funded_places_fund IS NULL AND funded_places = 0) OR (funded_places_fund IS NOT NULL AND funded_places BETWEEN 1 AND capacity)");
                    table.CheckConstraint("ck_sessions_minimum_numbers", "minimum_numbers BETWEEN 0 AND capacity");
                    table.CheckConstraint("ck_sessions_prices", "price_with_sla_pence >= 0 AND price_without_sla_pence >= 0");
                    table.CheckConstraint("ck_sessions_times", "end_time >= start_time AND booking_deadline <= start_time");
                    table.ForeignKey(
                        name: "fk_sessions_alliance_id_academic_year_course_id",
                        columns: x => new { x.alliance_id, x.academic_year, x.course_id },
                        principalTable: "courses",
                        principalColumns: new[] { "alliance_id", "academic_year", "course_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alliance_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    course_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    session_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    booking_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    school_urn = table.Column<int>(type: "integer", nullable: false),
                    local_authority_code = table.Column<string>(type: "text", nullable: false),
                    places = table.Column<int>(type: "integer", nullable: false),
                    delegates = table.Column<string>(type: "jsonb", nullable: false),
                    with_sla = table.Column<bool>(type: "boolean", nullable: false),
                    price_pence = table.Column<long>(type: "bigint", nullable: false),
                    funded_places = table.Column<int>(type: "integer", nullable: false),
                    fund = table.Column<string>(type: "text", nullable: true),
                    funded_pence = table.Column<long>(type: "bigint", nullable: false),
                    booked_by = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    hold_expire_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    waiting_position = table.Column<int>(type: "integer", nullable: false),
                    cancel_reason = table.Column<int>(type: "integer", nullable: false),
                    cancellation_fee_pence = table.Column<long>(type: "bigint", nullable: false),
                    attendance_record_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookings", x => x.id);
                    table.UniqueConstraint("AK_bookings_alliance_id_academic_year_course_id_session_id_boo~", x => new { x.alliance_id, x.academic_year, x.course_id, x.session_id, x.booking_id });
                    table.CheckConstraint("ck_bookings_attendance", "(state IN (5, 6)) = (attendance_record_time IS NOT NULL)");
                    table.CheckConstraint("ck_bookings_cancellation_fee", "cancellation_fee_pence = 0 OR (cancellation_fee_pence > 0 AND state = 4)");
                    table.CheckConstraint("ck_bookings_funded", "funded_places BETWEEN 0 AND places AND (fund IS NULL) = (funded_places = 0) AND funded_pence >= 0");
                    table.CheckConstraint("ck_bookings_held", "(state = 1) = (hold_expire_time IS NOT NULL)");
                    table.CheckConstraint("ck_bookings_places", "places >= 1");
                    table.CheckConstraint("ck_bookings_price", "price_pence >= 0");
                    table.CheckConstraint("ck_bookings_waiting", "(state = 3) = (waiting_position >= 1)");
                    table.ForeignKey(
                        name: "fk_bookings_alliance_id_academic_year_course_id_session_id",
                        columns: x => new { x.alliance_id, x.academic_year, x.course_id, x.session_id },
                        principalTable: "sessions",
                        principalColumns: new[] { "alliance_id", "academic_year", "course_id", "session_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "booking_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    transaction_id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "pg_current_xact_id()::text::bigint"),
                    alliance_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    academic_year = table.Column<int>(type: "integer", nullable: false),
                    course_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    session_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    booking_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    change_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_booking_changes_alliance_id_academic_year_course_id_session_id_booking_id",
                        columns: x => new { x.alliance_id, x.academic_year, x.course_id, x.session_id, x.booking_id },
                        principalTable: "bookings",
                        principalColumns: new[] { "alliance_id", "academic_year", "course_id", "session_id", "booking_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    booking_row_id = table.Column<long>(type: "bigint", nullable: false),
                    delegate_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    comments = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.id);
                    table.CheckConstraint("ck_evaluations_comments", "char_length(comments) <= 2000");
                    table.CheckConstraint("ck_evaluations_rating", "rating BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_evaluations_booking_row_id",
                        column: x => x.booking_row_id,
                        principalTable: "bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_booking_changes_alliance_id_academic_year_course_id_session_id_booking_id",
                table: "booking_changes",
                columns: new[] { "alliance_id", "academic_year", "course_id", "session_id", "booking_id" });

            migrationBuilder.CreateIndex(
                name: "ix_booking_changes_alliance_id_transaction_id_id",
                table: "booking_changes",
                columns: new[] { "alliance_id", "transaction_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_alliance_id_academic_year_course_id_session_id_booking_id",
                table: "bookings",
                columns: new[] { "alliance_id", "academic_year", "course_id", "session_id", "booking_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bookings_alliance_id_academic_year_course_id_session_id_state",
                table: "bookings",
                columns: new[] { "alliance_id", "academic_year", "course_id", "session_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_hold_expire_time",
                table: "bookings",
                column: "hold_expire_time",
                filter: "state = 1");

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_booking_row_id_delegate_id",
                table: "evaluations",
                columns: new[] { "booking_row_id", "delegate_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_alliance_id_academic_year_course_id_session_id",
                table: "sessions",
                columns: new[] { "alliance_id", "academic_year", "course_id", "session_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booking_changes");

            migrationBuilder.DropTable(
                name: "create_requests");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "courses");

            migrationBuilder.DropTable(
                name: "programmes");
        }
    }
}
