using Grpc.Core;
using Npgsql;
using Sia.Contracts;
using Sia.Risk.V1;
using Sia.Testing.Postgres;

namespace Sia.Risk.Tests;

/// <summary>
/// Every RPC of sia.risk.v1 against the demo's York data (<see cref="YorkRequests"/>): a partner acting only for
/// Middlesbrough is refused, as the conventions say, in words that say what or whom, and writes nothing; York's partner
/// is not refused; an alliance's partner sees its member schools' assessments and no others'.
/// </summary>
public sealed class AuthorizationTests(DemoStack demo) : IClassFixture<DemoStack>
{
    private static readonly Metadata Middlesbrough = Partners.ActingFor("Middlesbrough LA Officer", "806");
    private static readonly Metadata York = Partners.ActingFor("York LA Officer", "816");

    public static TheoryData<string> Requests => [.. YorkRequests.All.Select(r => r.ToString())];

    [Fact]
    public void The_requests_cover_exactly_the_RPCs_of_sia_risk_v1()
    {
        var rpcs = ApiDescriptors.InPackage("sia.risk.v1").SelectMany(s => s.Methods).Select(m => $"{m.Service.Name}.{m.Name}").Order(StringComparer.Ordinal);

        Assert.Equal(rpcs, YorkRequests.All.Select(r => r.Method).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_partner_acting_only_for_Middlesbrough_is_refused_and_writes_nothing(string request)
    {
        var york = YorkRequests.All.Single(r => r.ToString() == request);
        var before = await DatabaseSnapshot.TakeAsync(demo.RiskDatabase);

        var outcome = await york.SendAsync(demo.CreateChannel(), Middlesbrough);

        Assert.Equal(york.Denial, outcome.Code);
        Assert.Contains(york.Names, outcome.Detail);
        var after = await DatabaseSnapshot.TakeAsync(demo.RiskDatabase);
        var written = before.Keys.Where(table => before[table] != after.GetValueOrDefault(table)).ToList();
        Assert.True(written.Count == 0, $"The refused call changed {string.Join(", ", written)}.");
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_partner_acting_for_York_is_not_refused(string request)
    {
        var york = YorkRequests.All.Single(r => r.ToString() == request);

        var outcome = await york.SendAsync(demo.CreateChannel(), York);

        Assert.False(outcome.Code == StatusCode.PermissionDenied || outcome.Code == york.Denial, $"York's partner got {outcome.Code}: {outcome.Detail}");
    }

    [Fact]
    public async Task A_York_partner_acknowledging_Middlesbroughs_notification_is_refused_and_it_stays_unacknowledged()
    {
        var notifications = new NotificationService.NotificationServiceClient(demo.CreateChannel());
        var northOrmesby = (await notifications.ListNotificationsAsync(new ListNotificationsRequest { Parent = "localAuthorities/806" })).Notifications.Single();

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await notifications.AcknowledgeNotificationAsync(new AcknowledgeNotificationRequest { Name = northOrmesby.Name }, York));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("The partner 'York LA Officer' acts for localAuthorities/816 only; not for localAuthorities/806", refused.Status.Detail);
        Assert.Null((await notifications.GetNotificationAsync(new GetNotificationRequest { Name = northOrmesby.Name })).AcknowledgeTime);
    }

    [Fact]
    public async Task A_York_partners_import_stores_Yorks_rows_only_and_reports_the_others_as_for_an_unknown_school()
    {
        const string csv = "urn,indicator,academic_year,value\n990001,authz_import_pct,2015-16,41.5\n990102,authz_import_pct,2015-16,42.5\n999999,authz_import_pct,2015-16,43.5\n";
        using var call = new IndicatorImportService.IndicatorImportServiceClient(demo.CreateChannel()).ImportIndicators(York);
        await call.RequestStream.WriteAsync(new ImportIndicatorsRequest { Chunk = Google.Protobuf.ByteString.CopyFromUtf8(csv) });
        await call.RequestStream.CompleteAsync();

        var response = await call;

        Assert.Equal((1, 2), (response.CreatedCount, response.RejectedCount));
        Assert.Equal([(3, "urn '990102' is not a school known to the caller: it imports indicators only for the schools it acts for."),
            (4, "urn '999999' is not a school known to the caller: it imports indicators only for the schools it acts for.")],
            response.RejectedRows.Select(r => (r.LineNumber, r.Reason)));
        Assert.Equal([990001], await StoredAsync("authz_import_pct"));
    }

    [Fact]
    public async Task An_alliance_partner_sees_the_assessments_of_its_member_schools_and_not_of_others()
    {
        var assessments = new AssessmentService.AssessmentServiceClient(demo.CreateChannel());
        var ebor = Partners.ActingForAlliances("Ebor Teaching School Alliance", "ebor");

        var member = await assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = "schools/990005/assessments/2015-16-autumn" }, ebor);
        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = "schools/990003/assessments/2015-16-autumn" }, ebor));
        var formerMember = await Assert.ThrowsAsync<RpcException>(async () =>
            await assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = "schools/990009/assessments/2015-16-autumn" }, ebor));

        Assert.Equal("schools/990005", member.School);
        Assert.Equal((StatusCode.NotFound, "schools/990003/assessments/2015-16-autumn does not exist."), (other.StatusCode, other.Status.Detail));
        Assert.Equal(StatusCode.NotFound, formerMember.StatusCode);
    }

    private async Task<List<int>> StoredAsync(string indicator)
    {
        await using var connection = new NpgsqlConnection(demo.RiskDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT urn FROM indicator_values WHERE indicator = $1 ORDER BY urn", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = indicator });
        await using var reader = await command.ExecuteReaderAsync();
        var urns = new List<int>();
        while (await reader.ReadAsync()) urns.Add(reader.GetInt32(0));
        return urns;
    }
}
