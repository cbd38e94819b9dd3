namespace Sia.Funding.Tests;

/// <summary>
/// The race tests, run one after another: each can drive its service's connection pool (Npgsql's 100) to the full and the
/// tests' PostgreSQL takes 200 connections; two at once had some calls fail with INTERNAL (seen, its cause not logged).
/// </summary>
[CollectionDefinition(Name)]
public sealed class Races
{
    public const string Name = "Races";
}
