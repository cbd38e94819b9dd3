[assembly: AssemblyFixture(typeof(Sia.Testing.Postgres.PostgresServer))]
