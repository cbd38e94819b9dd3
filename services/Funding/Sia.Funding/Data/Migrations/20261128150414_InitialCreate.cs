using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sia.Funding.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "balances",
                columns: table => new
                {
                    account = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    balance_pence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_balances", x => x.account);
                    table.CheckConstraint("ck_balances_balance_pence", "balance_pence >= 0 OR account LIKE '%#source'");
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
                name: "funds",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    local_authority_code = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    fund_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    purpose = table.Column<string>(type: "text", nullable: false),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false),
                    schools_forum_decision = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    update_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funds", x => x.id);
                    table.UniqueConstraint("AK_funds_local_authority_code_fund_id", x => new { x.local_authority_code, x.fund_id });
                    table.CheckConstraint("ck_funds_amount_pence", "amount_pence > 0");
                });

            migrationBuilder.CreateTable(
                name: "journal_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "text", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "allocations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    local_authority_code = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    fund_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    allocation_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    provider = table.Column<string>(type: "text", nullable: false),
                    improvement_priority = table.Column<string>(type: "text", nullable: true),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_allocations", x => x.id);
                    table.UniqueConstraint("AK_allocations_local_authority_code_fund_id_allocation_id", x => new { x.local_authority_code, x.fund_id, x.allocation_id });
                    table.CheckConstraint("ck_allocations_amount_pence", "amount_pence > 0");
                    table.ForeignKey(
                        name: "fk_allocations_local_authority_code_fund_id",
                        columns: x => new { x.local_authority_code, x.fund_id },
                        principalTable: "funds",
                        principalColumns: new[] { "local_authority_code", "fund_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "journal_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    entry_id = table.Column<long>(type: "bigint", nullable: false),
                    account = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_lines", x => x.id);
                    table.CheckConstraint("ck_journal_lines_amount_pence", "amount_pence <> 0");
                    table.ForeignKey(
                        name: "fk_journal_lines_entry_id",
                        column: x => x.entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "commitments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    local_authority_code = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    fund_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    allocation_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    commitment_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    kind = table.Column<string>(type: "text", nullable: false),
                    purpose = table.Column<string>(type: "text", nullable: false),
                    school = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: true),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    release_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitments", x => x.id);
                    table.UniqueConstraint("AK_commitments_local_authority_code_fund_id_allocation_id_comm~", x => new { x.local_authority_code, x.fund_id, x.allocation_id, x.commitment_id });
                    table.CheckConstraint("ck_commitments_amount_pence", "amount_pence > 0");
                    table.ForeignKey(
                        name: "fk_commitments_local_authority_code_fund_id_allocation_id",
                        columns: x => new { x.local_authority_code, x.fund_id, x.allocation_id },
                        principalTable: "allocations",
                        principalColumns: new[] { "local_authority_code", "fund_id", "allocation_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "spends",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    commitment_id = table.Column<long>(type: "bigint", nullable: false),
                    invoice_reference = table.Column<string>(type: "text", nullable: false),
                    spend_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    create_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_spends", x => x.id);
                    table.CheckConstraint("ck_spends_amount_pence", "amount_pence > 0");
                    table.ForeignKey(
                        name: "fk_spends_commitment_id",
                        column: x => x.commitment_id,
                        principalTable: "commitments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_journal_lines_account",
                table: "journal_lines",
                column: "account");

            migrationBuilder.CreateIndex(
                name: "ix_journal_lines_entry_id",
                table: "journal_lines",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_spends_commitment_id",
                table: "spends",
                column: "commitment_id");

            migrationBuilder.CreateIndex(
                name: "ix_spends_request_id",
                table: "spends",
                column: "request_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "balances");

            migrationBuilder.DropTable(
                name: "create_requests");

            migrationBuilder.DropTable(
                name: "journal_lines");

            migrationBuilder.DropTable(
                name: "spends");

            migrationBuilder.DropTable(
                name: "journal_entries");

            migrationBuilder.DropTable(
                name: "commitments");

            migrationBuilder.DropTable(
                name: "allocations");

            migrationBuilder.DropTable(
                name: "funds");
        }
    }
}
