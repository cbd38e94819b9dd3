using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sia.Registry.Data.Migrations;

/// <summary>Local authorities, schools, and the record of creates done by request id.</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261122120000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE local_authorities (
                code text NOT NULL,
                display_name text NOT NULL,
                create_time timestamp with time zone NOT NULL,
                update_time timestamp with time zone NOT NULL,
                CONSTRAINT pk_local_authorities PRIMARY KEY (code)
            );

            CREATE TABLE schools (
                urn integer NOT NULL,
                la_code text NOT NULL,
                establishment_number integer NOT NULL,
                laestab integer NOT NULL,
                ukprn integer NULL,
                name text NOT NULL,
                type_of_establishment_code integer NOT NULL,
                establishment_type_group_code integer NOT NULL,
                phase_of_education_code integer NOT NULL,
                status_code integer NOT NULL,
                open_date date NULL,
                close_date date NULL,
                statutory_low_age integer NULL,
                statutory_high_age integer NULL,
                capacity integer NULL,
                pupils integer NULL,
                free_school_meals_percentage numeric(4,1) NULL,
                trust text NULL,
                federation text NULL,
                diocese text NULL,
                headteacher text NULL,
                street text NULL,
                locality text NULL,
                town text NULL,
                postcode text NULL,
                create_time timestamp with time zone NOT NULL,
                update_time timestamp with time zone NOT NULL,
                CONSTRAINT pk_schools PRIMARY KEY (urn),
                CONSTRAINT fk_schools_la_code FOREIGN KEY (la_code) REFERENCES local_authorities (code) ON DELETE RESTRICT
            );
            CREATE INDEX ix_schools_la_code_urn ON schools (la_code, urn);
            CREATE INDEX ix_schools_phase_of_education_code_urn ON schools (phase_of_education_code, urn);
            CREATE INDEX ix_schools_establishment_type_group_code_urn ON schools (establishment_type_group_code, urn);
            CREATE INDEX ix_schools_status_code_urn ON schools (status_code, urn);
            CREATE UNIQUE INDEX ux_schools_open_laestab ON schools (laestab) WHERE status_code <> 2;

            CREATE TABLE create_requests (
                request_id uuid NOT NULL,
                resource_name text NOT NULL,
                create_time timestamp with time zone NOT NULL,
                CONSTRAINT pk_create_requests PRIMARY KEY (request_id)
            );
            """);
    }
}
