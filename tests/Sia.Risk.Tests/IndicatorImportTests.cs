using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Npgsql;
using Sia.Registry.Testing;
using Sia.Risk.V1;

namespace Sia.Risk.Tests;

/// <summary>IndicatorImportService over real HTTP/2 and PostgreSQL: counts, refusals, and a second import that writes nothing.</summary>
public sealed class IndicatorImportTests(RiskStack risk) : IClassFixture<RiskStack>
{
    private IndicatorImportService.IndicatorImportServiceClient Imports => new(risk.CreateChannel());

    private async Task<ImportIndicatorsResponse> ImportAsync(string csv, int chunkSize = 7)
    {
        using var call = Imports.ImportIndicators();
        var bytes = Encoding.UTF8.GetBytes(csv);
        for (var at = 0; at < bytes.Length; at += chunkSize)
            await call.RequestStream.WriteAsync(new ImportIndicatorsRequest { Chunk = ByteString.CopyFrom(bytes.AsSpan(at, Math.Min(chunkSize, bytes.Length - at))) });
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    [Fact]
    public async Task An_import_stores_the_good_rows_reports_the_bad_and_a_second_import_writes_nothing()
    {
        const string csv = "urn,indicator,academic_year,value,national\n200001,ks2_rwm_level4_pct,2014-15,61.5,80\n200001,value_added_core,2014-15,98.5,100\n200002,ks2_rwm_level4_pct,2014-15,x,80\n";

        var first = await ImportAsync(csv);
        var versions = await RowVersionsAsync(200001);
        var second = await ImportAsync(csv, chunkSize: 1);

        Assert.Equal((2, 0, 0, 1), (first.CreatedCount, first.UpdatedCount, first.UnchangedCount, first.RejectedCount));
        Assert.Equal((4, "value 'x' is not a number such as 61.5."), (first.RejectedRows.Single().LineNumber, first.RejectedRows.Single().Reason));
        Assert.Equal((0, 0, 2, 1), (second.CreatedCount, second.UpdatedCount, second.UnchangedCount, second.RejectedCount));
        Assert.Equal(versions, await RowVersionsAsync(200001));
    }

    [Fact]
    public async Task A_row_for_a_value_already_held_replaces_it()
    {
        await ImportAsync("urn,indicator,academic_year,value\n200003,ks2_rwm_level4_pct,2014-15,61.5\n");

        var again = await ImportAsync("urn,indicator,academic_year,value,national\n200003,ks2_rwm_level4_pct,2014-15,62,80\n");

        Assert.Equal((0, 1, 0), (again.CreatedCount, again.UpdatedCount, again.UnchangedCount));
        Assert.Equal(["ks2_rwm_level4_pct 2014 62 80"], await ValuesAsync(200003));
    }

    [Fact]
    public async Task A_file_without_the_columns_or_without_any_bytes_is_INVALID_ARGUMENT_naming_chunk()
    {
        var noColumns = await Assert.ThrowsAsync<RpcException>(() => ImportAsync("school,value\n200004,1\n"));
        var nothing = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(""));

        Assert.Equal(StatusCode.InvalidArgument, noColumns.StatusCode);
        Assert.Equal(["chunk"], noColumns.ViolatedFields());
        Assert.Contains("lacks urn, indicator, academic_year", noColumns.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, nothing.StatusCode);
        Assert.Equal(["chunk"], nothing.ViolatedFields());
    }

    private async Task<List<string>> RowVersionsAsync(int urn) =>
        await QueryAsync($"SELECT indicator || ' ' || xmin::text FROM indicator_values WHERE urn = {urn} ORDER BY indicator");

    private async Task<List<string>> ValuesAsync(int urn) =>
        await QueryAsync($"SELECT indicator || ' ' || academic_year || ' ' || value || ' ' || coalesce(national::text, '-') FROM indicator_values WHERE urn = {urn} ORDER BY indicator");

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(risk.RiskDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
