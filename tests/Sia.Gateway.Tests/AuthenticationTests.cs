using Grpc.Core;
using Sia.Registry.V1;
using Sia.ServiceDefaults;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>Partner keys and scopes at the gateway, and what the registry behind it receives.</summary>
public sealed class AuthenticationTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private const string GetSchool = "/sia.registry.v1.SchoolService/GetSchool";
    private static readonly GetSchoolRequest Minster = new() { Name = "schools/990001" };

    private SchoolService.SchoolServiceClient Schools => new(stack.CreateChannel());

    [Fact]
    public async Task A_valid_key_gets_the_school_and_the_registry_receives_the_partner_signed_and_no_key()
    {
        var headers = CallId(out var id);
        headers.Add("authorization", $"Bearer {TestPartners.FullKey}");

        var school = await Schools.GetSchoolAsync(Minster, headers, DateTime.UtcNow.AddSeconds(30));

        Assert.Equal("Minster View Primary School", school.DisplayName);
        var received = stack.Backend.Calls[id];
        Assert.Equal(GetSchool, received.Path);
        Assert.Equal(TestPartners.Full, received.VerifiedPartner?.Name);
        Assert.Equal(TestPartners.Full, received.SiaPartnerHeaders["x-sia-partner"]);
        Assert.False(received.HadAuthorization);
        Assert.Equal("trailers", received.Te);
    }

    [Fact]
    public async Task A_partner_configured_without_ActsFor_reaches_the_registry_acting_for_everyone()
    {
        var headers = CallId(out var id);
        headers.Add("authorization", $"Bearer {TestPartners.FullKey}");

        await Schools.GetSchoolAsync(Minster, headers, DateTime.UtcNow.AddSeconds(30));

        var received = stack.Backend.Calls[id];
        Assert.Equal("*", received.SiaPartnerHeaders["x-sia-partner-acts-for"]);
        var partner = received.VerifiedPartner;
        Assert.NotNull(partner);
        Assert.Equal(new CallingPartner(TestPartners.Full, PartnerActsFor.Everyone), partner);
        Assert.True(partner.ActsForEveryone);
        Assert.True(partner.ActsForSchool(990001, "801", []));
    }

    [Fact]
    public async Task A_partner_that_acts_for_some_LAs_an_alliance_and_a_school_reaches_the_registry_with_them_signed_and_not_what_it_sent()
    {
        var headers = CallId(out var id);
        headers.Add("authorization", $"Bearer {TestPartners.YorkKey}");
        headers.Add("x-sia-partner-acts-for", "*");

        await Schools.GetSchoolAsync(Minster, headers, DateTime.UtcNow.AddSeconds(30));

        var received = stack.Backend.Calls[id];
        Assert.Equal(TestPartners.YorkActsFor, received.SiaPartnerHeaders["x-sia-partner-acts-for"]);
        var partner = received.VerifiedPartner;
        Assert.NotNull(partner);
        Assert.Equal(TestPartners.York, partner.Name);
        Assert.False(partner.ActsForEveryone);
        Assert.Equal(["816", "817"], partner.ActsFor.LocalAuthorities.Order());
        Assert.Equal(["ebor"], partner.ActsFor.Alliances.Order());
        Assert.Equal([990102], partner.ActsFor.Schools.Order());
        Assert.True(partner.ActsForLocalAuthority("816"));
        Assert.False(partner.ActsForLocalAuthority("801"));
        Assert.True(partner.ActsForSchool(990102, "801", []));
        Assert.True(partner.ActsForSchool(990500, "801", ["pathfinder", "ebor"]));
        Assert.False(partner.ActsForSchool(990500, "801", ["pathfinder"]));
    }

    [Fact]
    public async Task The_longest_acts_for_header_a_partner_may_have_reaches_the_registry_and_verifies()
    {
        var headers = CallId(out var id);
        headers.Add("authorization", $"Bearer {TestPartners.WidestKey}");

        await Schools.GetSchoolAsync(Minster, headers, DateTime.UtcNow.AddSeconds(30));

        var received = stack.Backend.Calls[id];
        Assert.Equal(8181, received.SiaPartnerHeaders["x-sia-partner-acts-for"].Length);
        var partner = received.VerifiedPartner;
        Assert.NotNull(partner);
        Assert.Equal(TestPartners.WidestAlliances, partner.ActsFor.Alliances.Order());
        Assert.Equal(TestPartners.WidestSchools.Select(int.Parse), partner.ActsFor.Schools.Order());
    }

    [Theory]
    [InlineData(null, "GetSchool", StatusCode.Unauthenticated, "sent as metadata 'authorization: Bearer <key>'")]
    [InlineData("Bearer not-a-partner-key", "GetSchool", StatusCode.Unauthenticated, "The API key is not valid")]
    [InlineData("Basic " + TestPartners.FullKey, "GetSchool", StatusCode.Unauthenticated, "must be 'Bearer <key>'")]
    [InlineData("Bearer", "GetSchool", StatusCode.Unauthenticated, "must be 'Bearer <key>'")]
    [InlineData("Bearer " + TestPartners.ReaderKey, "ListSchools", StatusCode.PermissionDenied,
        "Partner 'Schools Reader' may not call /sia.registry.v1.SchoolService/ListSchools: its API key's scopes are /sia.registry.v1.SchoolService/GetSchool")]
    public async Task A_refused_call_is_a_trailers_only_gRPC_status_that_says_what_to_do_and_never_reaches_the_registry(
        string? authorization, string method, StatusCode expected, string message)
    {
        var headers = CallId(out var id);
        if (authorization is not null) headers.Add("authorization", authorization);

        var error = await Assert.ThrowsAsync<RpcException>(() => method == "GetSchool"
            ? Schools.GetSchoolAsync(Minster, headers, DateTime.UtcNow.AddSeconds(30)).ResponseAsync
            : Schools.ListSchoolsAsync(new ListSchoolsRequest(), headers, DateTime.UtcNow.AddSeconds(30)).ResponseAsync);
        var raw = await RawGrpc.CallAsync(stack.Gateway.Address, $"/sia.registry.v1.SchoolService/{method}", Minster,
            authorization is null ? [] : [("authorization", authorization)]);

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(message, error.Status.Detail);
        raw.AssertTrailersOnly(expected);
        Assert.False(stack.Backend.Calls.ContainsKey(id));
    }

    [Fact]
    public async Task A_read_scope_reaches_the_methods_without_side_effects_and_is_refused_the_others_before_the_registry()
    {
        var reading = CallId(out var readId);
        reading.Add("authorization", $"Bearer {TestPartners.ReadOnlyKey}");
        var writing = CallId(out var writeId);
        writing.Add("authorization", $"Bearer {TestPartners.ReadOnlyKey}");

        var school = await Schools.GetSchoolAsync(Minster, reading, DateTime.UtcNow.AddSeconds(30));
        var error = await Assert.ThrowsAsync<RpcException>(() => Schools.UpdateSchoolAsync(
            new UpdateSchoolRequest { School = school, UpdateMask = new() { Paths = { "phase" } } }, writing, DateTime.UtcNow.AddSeconds(30)).ResponseAsync);

        Assert.Equal(Minster.Name, school.Name);
        Assert.True(stack.Backend.Calls.ContainsKey(readId));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("may not call /sia.registry.v1.SchoolService/UpdateSchool: its API key's scopes are sia.registry.v1.*:read", error.Status.Detail);
        Assert.False(stack.Backend.Calls.ContainsKey(writeId));
    }

    [Fact]
    public async Task Partner_headers_sent_by_the_caller_are_dropped_and_replaced_by_the_gateways()
    {
        var headers = CallId(out var id);
        headers.Add("authorization", $"Bearer {TestPartners.ReaderKey}");
        headers.Add("x-sia-partner", TestPartners.Full);
        headers.Add("x-sia-partner-time", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        headers.Add("x-sia-partner-signature", new string('a', 64));
        headers.Add("x-sia-partner-role", "admin");

        await Schools.GetSchoolAsync(Minster, headers, DateTime.UtcNow.AddSeconds(30));

        var received = stack.Backend.Calls[id];
        Assert.Equal(TestPartners.Reader, received.VerifiedPartner?.Name);
        Assert.Equal(["x-sia-partner", "x-sia-partner-acts-for", "x-sia-partner-signature", "x-sia-partner-time"], received.SiaPartnerHeaders.Keys.Order());
        Assert.Equal(TestPartners.Reader, received.SiaPartnerHeaders["x-sia-partner"]);
    }

    [Fact]
    public async Task The_registrys_own_errors_come_through_with_their_rich_details()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Schools.GetSchoolAsync(new GetSchoolRequest { Name = "schools/999999" },
            TestPartners.Bearer(TestPartners.FullKey), DateTime.UtcNow.AddSeconds(30)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("schools/999999 does not exist.", error.Status.Detail);
        var details = Assert.Single(error.GetRpcStatus()!.Details);
        Assert.Equal("schools/999999", details.Unpack<Google.Rpc.ResourceInfo>().ResourceName);
    }

    [Fact]
    public async Task A_method_no_route_serves_is_UNIMPLEMENTED_trailers_only()
    {
        var raw = await RawGrpc.CallAsync(stack.Gateway.Address, "/sia.finance.v1.FundService/GetFund", Minster,
            ("authorization", $"Bearer {TestPartners.FullKey}"));

        raw.AssertTrailersOnly(StatusCode.Unimplemented);
        Assert.Contains("serves no method /sia.finance.v1.FundService/GetFund", raw.Headers["grpc-message"]);
    }

    [Fact]
    public async Task The_gateway_probes_the_registrys_health_endpoint_over_HTTP2()
    {
        await Until.TrueAsync(() => !stack.Backend.HealthProbes.IsEmpty, "the gateway's first health probe");

        Assert.Contains("HTTP/2 200", stack.Backend.HealthProbes);
    }

    private static Metadata CallId(out string id)
    {
        id = Guid.NewGuid().ToString("N");
        return new Metadata { { BackendHost.CallIdHeader, id } };
    }
}
