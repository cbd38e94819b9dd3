// The wiring every service test project copies: one PostgreSQL server for the assembly.
[assembly: AssemblyFixture(typeof(Sia.Testing.Postgres.PostgresServer))]
