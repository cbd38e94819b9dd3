// One stack at a time: each is a PostgreSQL, two services, DCP and the dashboard, on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
