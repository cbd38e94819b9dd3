using Npgsql;
using Sia.Funding.V1;
using static Sia.Funding.Tests.York;

namespace Sia.Funding.Tests;

/// <summary>
/// The ledger: each movement a journal entry with who, why and its request_id whose lines sum to zero; nothing in it is
/// ever updated or deleted, the database itself refusing; balances rebuilt from it equal the stored ones.
/// </summary>
public sealed class LedgerTests(FundingStack stack) : IClassFixture<FundingStack>
{
    private FundService.FundServiceClient Funds => new(stack.CreateChannel());
    private AllocationService.AllocationServiceClient Allocations => new(stack.CreateChannel());
    private CommitmentService.CommitmentServiceClient Commitments => new(stack.CreateChannel());

    [Fact]
    public async Task Each_movement_is_a_journal_entry_with_who_why_and_its_request_id_whose_lines_sum_to_zero()
    {
        var create = CreateFund("recorded", SchoolsCausingConcern());
        var fund = await Funds.CreateFundAsync(create, Partners.ActingForLocalAuthorities("york-finance", "816"));
        var allocate = CreateAllocation(fund.Name, "ebor", To("alliances/ebor", 5_000_000));
        await Allocations.CreateAllocationAsync(allocate);

        var entries = await QueryAsync($"""
            SELECT e.kind, e.actor, e.reason, e.request_id::text, string_agg(l.account || '=' || l.amount_pence, ' ' ORDER BY l.amount_pence)
            FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id WHERE e.subject LIKE '{fund.Name}%' GROUP BY e.id ORDER BY e.id
            """);

        Assert.Equal(
        [
            ["FundOpened", "york-finance", create.Fund.SchoolsForumDecision, create.RequestId, $"{fund.Name}#source=-20000000 {fund.Name}#unallocated=20000000"],
            ["Allocated", "internal", allocate.Allocation.Reason, allocate.RequestId, $"{fund.Name}#unallocated=-5000000 {fund.Name}/allocations/ebor#balance=5000000"],
        ], entries);
    }

    [Theory]
    [InlineData("UPDATE journal_entries SET reason = 'changed'")]
    [InlineData("DELETE FROM journal_entries")]
    [InlineData("TRUNCATE journal_entries CASCADE")]
    [InlineData("UPDATE journal_lines SET amount_pence = amount_pence * 2")]
    [InlineData("DELETE FROM journal_lines")]
    [InlineData("TRUNCATE journal_lines")]
    public async Task The_database_refuses_to_update_or_delete_the_journal(string change)
    {
        await Funds.CreateFundAsync(CreateFund($"kept-{Guid.NewGuid():N}"[..20], SchoolsCausingConcern()));
        var before = await QueryAsync("SELECT (SELECT count(*) FROM journal_entries)::text, (SELECT count(*) FROM journal_lines)::text, (SELECT md5(string_agg(reason, '|' ORDER BY id)) FROM journal_entries)");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(change));

        Assert.Contains("The ledger is append-only", error.MessageText);
        Assert.Equal(before, await QueryAsync("SELECT (SELECT count(*) FROM journal_entries)::text, (SELECT count(*) FROM journal_lines)::text, (SELECT md5(string_agg(reason, '|' ORDER BY id)) FROM journal_entries)"));
    }

    [Fact]
    public async Task The_database_refuses_an_entry_whose_lines_do_not_sum_to_zero()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""
            WITH entry AS (
              INSERT INTO journal_entries (kind, subject, reason, actor, create_time) VALUES ('Allocated', 'x', 'x', 'x', now()) RETURNING id)
            INSERT INTO journal_lines (entry_id, account, amount_pence) SELECT id, 'x#unallocated', 100 FROM entry
            """));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Contains("does not balance", error.MessageText);
    }

    [Fact]
    public async Task The_database_refuses_a_balance_below_zero_but_a_sources()
    {
        var fund = await Funds.CreateFundAsync(CreateFund("never-overdrawn", SchoolsCausingConcern()));

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync($"UPDATE balances SET balance_pence = -1 WHERE account = '{fund.Name}#unallocated'"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal("ck_balances_balance_pence", error.ConstraintName);
    }

    [Fact]
    public async Task Balances_rebuilt_from_the_ledger_equal_the_stored_ones()
    {
        var fund = await Funds.CreateFundAsync(CreateFund("rebuilt", Commissioning()));
        await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "ebor", To("alliances/ebor", 25_170_000)));
        await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "pathfinder", To("alliances/pathfinder", 22_668_000)));

        var (stored, rebuilt) = await stack.BalancesAsync();

        Assert.Equal(rebuilt, stored);
        Assert.Equal(80_538_000 - 25_170_000 - 22_668_000, stored[$"{fund.Name}#unallocated"]);
        Assert.Equal(22_668_000, stored[$"{fund.Name}/allocations/pathfinder#balance"]);
        Assert.Equal(-80_538_000, stored[$"{fund.Name}#source"]);
    }

    [Fact]
    public async Task Commitments_spend_and_releases_are_journal_entries_and_the_rebuilt_balances_equal_the_stored_ones()
    {
        var fund = await Funds.CreateFundAsync(CreateFund("mixed", Commissioning()));
        var ebor = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "ebor", To("alliances/ebor", 25_170_000)));
        var pathfinder = await Allocations.CreateAllocationAsync(CreateAllocation(fund.Name, "pathfinder", To("alliances/pathfinder", 22_668_000)));
        var autumn = await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "autumn", Deployment(1_000_000)));
        var spring = await Commitments.CreateCommitmentAsync(CreateCommitment(ebor.Name, "spring", Deployment(1_000_000)));
        var programme = await Commitments.CreateCommitmentAsync(CreateCommitment(pathfinder.Name, "programme", Deployment(5_000_000)));
        await Commitments.RecordSpendAsync(Spend(autumn.Name, 1_000_000, "EBOR-1"));
        await Commitments.ReleaseCommitmentAsync(new ReleaseCommitmentRequest { Name = autumn.Name, Reason = "spent in full" });
        var spend = Spend(spring.Name, 250_000, "EBOR-2");
        await Commitments.RecordSpendAsync(spend);
        await Commitments.ReleaseCommitmentAsync(new ReleaseCommitmentRequest { Name = spring.Name, Reason = "the deployment ended early" });
        await Commitments.RecordSpendAsync(Spend(programme.Name, 1_234_567, "PATH-1"));

        var (stored, rebuilt) = await stack.BalancesAsync();

        Assert.Equal(rebuilt, stored);
        Assert.Equal(25_170_000 - 1_000_000 - 250_000, stored[$"{ebor.Name}#balance"]);
        Assert.Equal((1_000_000, 0), (stored[$"{autumn.Name}#spent"], stored[$"{autumn.Name}#balance"]));
        Assert.Equal((5_000_000 - 1_234_567, 1_234_567), (stored[$"{programme.Name}#balance"], stored[$"{programme.Name}#spent"]));
        // A release of a commitment spent in full moves nothing.
        Assert.Equal(
        [
            ["Spent", "internal", "Invoice EBOR-2 of 2015-12-18", spend.RequestId, $"{spring.Name}#balance=-250000 {spring.Name}#spent=250000"],
            ["Released", "internal", "the deployment ended early", "", $"{spring.Name}#balance=-750000 {ebor.Name}#balance=750000"],
        ], await QueryAsync($"""
            SELECT e.kind, e.actor, e.reason, coalesce(e.request_id::text, ''), string_agg(l.account || '=' || l.amount_pence, ' ' ORDER BY l.amount_pence)
            FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id WHERE e.subject = '{spring.Name}' AND e.kind <> 'Committed' GROUP BY e.id ORDER BY e.id
            """));
        Assert.Equal([["0"]], await QueryAsync($"SELECT count(*)::text FROM journal_entries WHERE subject = '{autumn.Name}' AND kind = 'Released'"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(stack.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(stack.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        return rows;
    }
}
