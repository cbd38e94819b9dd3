using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Sia.Funding.Domain.Accounting;
using Sia.ServiceDefaults;
using Sia.Testing.Postgres;

namespace Sia.Funding.Tests;

/// <summary>
/// A test class's funding service over a database of its own, verifying partner headers signed with
/// <see cref="SigningKey"/>, as behind the gateway.
/// </summary>
public sealed class FundingStack(PostgresServer postgres) : IAsyncLifetime
{
    public const string SigningKey = "funding-tests-partner-signing-key-0123456789abcdef";

    private FundingHost _funding = null!;

    /// <summary>The service's database, for tests that look at it directly.</summary>
    public string Database { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Database = await postgres.CreateDatabaseAsync("funding");
        _funding = await FundingHost.StartAsync(Database, new Dictionary<string, string?> { [PartnerHeaders.SigningKeyConfigKey] = SigningKey });
    }

    public GrpcChannel CreateChannel() => _funding.CreateChannel();

    /// <summary>The ledger's balances as stored and as rebuilt from its journal lines.</summary>
    public async Task<(IReadOnlyDictionary<string, long> Stored, IReadOnlyDictionary<string, long> Rebuilt)> BalancesAsync()
    {
        await using var scope = _funding.Services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<LedgerCheck>();
        return (await check.StoredBalancesAsync(CancellationToken.None), await check.RebuiltBalancesAsync(CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        await _funding.DisposeAsync();
        await postgres.DropDatabaseAsync(Database);
    }
}
