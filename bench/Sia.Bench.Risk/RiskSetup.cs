using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Net.Client;
using Npgsql;
using Sia.Risk.Data;
using Sia.Risk.Demo;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;

namespace Sia.Bench.Risk;

/// <summary>
/// What a round over every school needs beyond the copy of the registry's schools. Inspections go straight into the copy
/// (registry_inspections): the registry has no bulk import of them, and 45,000 CreateInspection calls would cost the
/// read model one recompute transaction each, minutes before the round could start. 9 schools in 10 have one (grades
/// about 20% outstanding, 58% good, 17% requires improvement, 5% inadequate), half of those an earlier one as well.
/// Indicators (York's six, 2014/15) go through ImportIndicators for every school, and York's framework is published for
/// every LA, both through the API.
/// </summary>
internal static class RiskSetup
{
    public const int AcademicYear = 2015;

    private static readonly string[] Indicators =
        ["ks2_rwm_level4_pct", "value_added_core", "rwm_expected_pct_disadvantaged", "rwm_expected_pct_other", "english_expected_pct", "maths_expected_pct"];

    public static async Task<int> RunAsync(string url, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var inspections = await ExecuteAsync(connection, """
            INSERT INTO registry_inspections (id, urn, inspection_date, framework, overall_grade, key_judgements, report_card_areas, safeguarding, category_of_concern, applied_changes)
            SELECT 1000000000::bigint + urn, urn, date '2012-09-01' + (urn * 37) % 1000, 1, g, jsonb_build_object('leadership_and_management', g), '{}'::jsonb, 0, 0, 1
            FROM (SELECT urn, CASE WHEN urn * 7919 % 100 < 20 THEN 1 WHEN urn * 7919 % 100 < 78 THEN 2 WHEN urn * 7919 % 100 < 95 THEN 3 ELSE 4 END AS g
                  FROM registry_schools WHERE urn % 10 <> 0) s;
            INSERT INTO registry_inspections (id, urn, inspection_date, framework, overall_grade, key_judgements, report_card_areas, safeguarding, category_of_concern, applied_changes)
            SELECT 2000000000::bigint + urn, urn, date '2009-09-01' + (urn * 13) % 900, 1, 3, '{"leadership_and_management": 3}'::jsonb, '{}'::jsonb, 0, 0, 1
            FROM registry_schools WHERE urn % 10 <> 0 AND urn % 2 = 0;
            """);
        var urns = new List<int>();
        await using (var read = new NpgsqlCommand("SELECT urn FROM registry_schools ORDER BY urn", connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) urns.Add(reader.GetInt32(0));
        var laCodes = await LaCodesAsync(connection);

        using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { MaxSendMessageSize = null });
        var imported = await ImportIndicatorsAsync(new IndicatorImportService.IndicatorImportServiceClient(channel), urns);
        var frameworks = new FrameworkService.FrameworkServiceClient(channel);
        foreach (var la in laCodes)
        {
            var york = new FrameworkEntity { LaCode = la, DisplayName = YorkFramework.DisplayName, Definition = YorkFramework.Definition }.ToMessage();
            var draft = await frameworks.CreateFrameworkAsync(new CreateFrameworkRequest { Parent = $"localAuthorities/{la}", FrameworkId = "2015-16", Framework = york });
            await frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name, Etag = draft.Etag });
        }
        await ExecuteAsync(connection, "ANALYZE");
        Console.WriteLine($"setup: {urns.Count} schools in the copy, {inspections} inspections written into it, {imported} indicator values imported, York's framework published for {laCodes.Count} LAs");
        return 0;
    }

    public static async Task<List<string>> LaCodesAsync(NpgsqlConnection connection)
    {
        var codes = new List<string>();
        await using var read = new NpgsqlCommand("SELECT DISTINCT la_code FROM registry_schools ORDER BY la_code", connection);
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        return codes;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Six values a school for 2014/15, spread so that each of York's indicator criteria holds for some schools.</summary>
    private static async Task<int> ImportIndicatorsAsync(IndicatorImportService.IndicatorImportServiceClient client, IReadOnlyList<int> urns)
    {
        var csv = new StringBuilder("urn,indicator,academic_year,value,national\n");
        foreach (var urn in urns)
        {
            var spread = urn * 7919 % 1000 / 1000.0; // 0..1, the same for a school on every run
            double[] values = [45 + 50 * spread, 97.5 + 4 * spread, 40 + 40 * spread, 62 + 10 * spread, 60 + 30 * spread, 62 + 20 * spread];
            double?[] national = [80, 100, null, null, null, null];
            for (var i = 0; i < Indicators.Length; i++)
                csv.Append(CultureInfo.InvariantCulture, $"{urn},{Indicators[i]},2014-15,{values[i]:0.0},{national[i]}\n");
        }
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        using var call = client.ImportIndicators();
        for (var offset = 0; offset < bytes.Length; offset += 1 << 20)
            await call.RequestStream.WriteAsync(new ImportIndicatorsRequest { Chunk = ByteString.CopyFrom(bytes, offset, Math.Min(1 << 20, bytes.Length - offset)) });
        await call.RequestStream.CompleteAsync();
        var response = await call;
        if (response.RejectedCount > 0) throw new BenchException($"the import rejected {response.RejectedCount} rows, the first: {response.RejectedRows[0].Reason}");
        return response.CreatedCount + response.UpdatedCount + response.UnchangedCount;
    }
}
