using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sia.Registry.Data.Migrations;

/// <summary>An LA's schools of one phase in URN order: the commonest ListSchools filter reads one page of it.</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261122180000_SchoolsByLaAndPhase")]
public sealed class SchoolsByLaAndPhase : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE INDEX ix_schools_la_code_phase_of_education_code_urn ON schools (la_code, phase_of_education_code, urn);");
    }
}
