using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Sia.Testing;
using Sia.ServiceDefaults;
using Sia.Registry.V1;

namespace Sia.Registry.Tests;

/// <summary>
/// ServiceDefaults' check of the gateway's signed x-sia-partner headers, in the real registry: a signed partner, with whom
/// it acts for, reaches the handlers and the server span; an unsigned, forged, altered or stale one is UNAUTHENTICATED before
/// any handler runs. Unary calls, server streams (WatchChanges) and client streams (ImportGiasExtract) alike.
/// </summary>
public sealed class CallingPartnerTests : IClassFixture<PartnerRegistryHost>, IDisposable
{
    private const string ServerSource = "Microsoft.AspNetCore";
    private static readonly byte[] Key = PartnerHeaders.Key(PartnerRegistryHost.SigningKey);
    private static readonly CallingPartner York = new("York LA", PartnerActsFor.Of(["816"], [], []));

    /// <summary>A local authority the WatchChanges tests make, so that the change log has a change to send.</summary>
    private const string WatchedCode = "908";

    private readonly PartnerRegistryHost _host;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public CallingPartnerTests(PartnerRegistryHost host)
    {
        _host = host;
        _listener = new ActivityListener
        {
            // The client's HTTP span carries the test's trace to ASP.NET Core's request span, the server span of a gRPC call.
            ShouldListenTo = source => source.Name is ServerSource or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private LocalAuthorityService.LocalAuthorityServiceClient Client => new(_host.CreateChannel());
    private RegistryChangeService.RegistryChangeServiceClient Changes => new(_host.CreateChannel());

    [Fact]
    public async Task A_call_the_gateway_signed_has_its_partner_in_the_handlers_context_and_on_the_server_span()
    {
        var headers = CallId(out var id);
        AddSigned(headers, York, DateTimeOffset.UtcNow, Key);
        using var caller = new Activity("caller").Start();

        await Client.ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest(), headers);

        Assert.Equal(York, _host.Partners[id]);
        Assert.Equal("York LA", (await ServerSpanAsync(caller.TraceId)).GetTagItem("sia.partner"));
    }

    [Fact]
    public async Task The_handler_sees_whom_the_partner_acts_for_as_the_gateway_signed_it()
    {
        var everyone = CallId(out var everyoneId);
        AddSigned(everyone, new CallingPartner("SIA Tools", PartnerActsFor.Everyone), DateTimeOffset.UtcNow, Key);
        var some = CallId(out var someId);
        AddSigned(some, new CallingPartner("Ebor Alliance", PartnerActsFor.Of(["816"], ["ebor"], ["990102"])), DateTimeOffset.UtcNow, Key);

        await Client.ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest(), everyone);
        await Client.ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest(), some);

        var tools = _host.Partners[everyoneId];
        Assert.NotNull(tools);
        Assert.True(tools.ActsForEveryone);
        Assert.True(tools.ActsForLocalAuthority("801"));
        var alliance = _host.Partners[someId];
        Assert.NotNull(alliance);
        Assert.Equal("Ebor Alliance", alliance.Name);
        Assert.Equal("la:816,alliance:ebor,school:990102", alliance.ActsFor.HeaderValue);
        Assert.False(alliance.ActsForEveryone);
        Assert.True(alliance.ActsForLocalAuthority("816"));
        Assert.False(alliance.ActsForLocalAuthority("801"));
        Assert.True(alliance.ActsForAlliance("ebor"));
        Assert.False(alliance.ActsForAlliance("pathfinder"));
        Assert.True(alliance.ActsForSchool(990102, "801", []));
        Assert.True(alliance.ActsForSchool(990001, "816", []));
        Assert.True(alliance.ActsForSchool(990500, "801", ["ebor"]));
        Assert.False(alliance.ActsForSchool(990500, "801", ["pathfinder"]));
    }

    [Fact]
    public async Task A_call_without_partner_headers_passes_with_no_partner()
    {
        var headers = CallId(out var id);
        using var caller = new Activity("caller").Start();

        await Client.ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest(), headers);

        Assert.True(_host.Partners.TryGetValue(id, out var partner));
        Assert.Null(partner);
        Assert.Null((await ServerSpanAsync(caller.TraceId)).GetTagItem("sia.partner"));
    }

    public static TheoryData<string, string> Unverified => new()
    {
        { "a forged signature", "901" },
        { "a signature older than five minutes", "902" },
        { "a signature made with another key", "903" },
        { "another partner's name on a valid signature", "904" },
        { "a name without time or signature", "905" },
        { "the name sent twice", "906" },
        { "only an x-sia-partner-role header", "907" },
        { "another acts-for set on a valid signature", "909" },
        { "everyone for the acts-for set on a valid signature", "910" },
        { "a valid signature without its acts-for", "911" },
        { "the acts-for sent twice", "912" },
    };

    [Theory]
    [MemberData(nameof(Unverified))]
    public async Task Partner_headers_that_do_not_verify_are_UNAUTHENTICATED_and_the_handler_never_runs(string what, string code)
    {
        var headers = UnverifiedHeaders(what, out var id);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.CreateLocalAuthorityAsync(
            new CreateLocalAuthorityRequest { LocalAuthority = new LocalAuthority { Code = code, DisplayName = "Never Created" } }, headers));
        var lookup = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = $"localAuthorities/{code}" }));

        AssertRefused(error);
        Assert.False(_host.Partners.ContainsKey(id), what);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Unverified))]
    public async Task Partner_headers_that_do_not_verify_end_a_WatchChanges_stream_UNAUTHENTICATED_before_the_handler_runs(string what, string _)
    {
        // A change to send, so that a stream the check let through would send it at once.
        await TestData.EnsureLocalAuthorityAsync(Client, WatchedCode, "Watched");
        var headers = UnverifiedHeaders(what, out var id);
        using var watch = Changes.WatchChanges(new WatchChangesRequest(), headers, DateTime.UtcNow.Add(Until.Generous));

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        AssertRefused(error);
        Assert.False(_host.Partners.ContainsKey(id), what);
    }

    [Theory]
    [MemberData(nameof(Unverified))]
    public async Task Partner_headers_that_do_not_verify_end_an_ImportGiasExtract_UNAUTHENTICATED_before_anything_is_imported(string what, string _)
    {
        var urn = TestData.NewUrn();
        var headers = UnverifiedHeaders(what, out var id);

        var error = await Assert.ThrowsAsync<RpcException>(() => ImportOneSchoolAsync(urn, headers));
        var lookup = await Assert.ThrowsAsync<RpcException>(async () =>
            await new SchoolService.SchoolServiceClient(_host.CreateChannel()).GetSchoolAsync(new GetSchoolRequest { Name = $"schools/{urn}" }));

        AssertRefused(error);
        Assert.False(_host.Partners.ContainsKey(id), what);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task A_WatchChanges_stream_the_gateway_signed_has_its_partner_in_the_handlers_context()
    {
        await TestData.EnsureLocalAuthorityAsync(Client, WatchedCode, "Watched");
        var headers = CallId(out var id);
        AddSigned(headers, York, DateTimeOffset.UtcNow, Key);
        using var watch = Changes.WatchChanges(new WatchChangesRequest(), headers, DateTime.UtcNow.Add(Until.Generous));

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(York, _host.Partners[id]);
    }

    [Fact]
    public async Task An_ImportGiasExtract_the_gateway_signed_has_its_partner_in_the_handlers_context()
    {
        var urn = TestData.NewUrn();
        var headers = CallId(out var id);
        AddSigned(headers, York, DateTimeOffset.UtcNow, Key);

        var summary = await ImportOneSchoolAsync(urn, headers);

        Assert.Equal(1, summary.CreatedCount);
        Assert.Equal(York, _host.Partners[id]);
    }

    [Fact]
    public async Task The_refusal_is_a_trailers_only_response()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.Address, "/sia.registry.v1.LocalAuthorityService/ListLocalAuthorities"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]), // one empty, uncompressed message
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.Add(PartnerHeaders.Partner, "York LA");

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(((int)StatusCode.Unauthenticated).ToString(), Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Empty(body);
        Assert.Empty(response.TrailingHeaders);
    }

    /// <summary>Headers of one of the <see cref="Unverified"/> kinds, with a call id.</summary>
    private static Metadata UnverifiedHeaders(string what, out string id)
    {
        var headers = CallId(out id);
        var now = DateTimeOffset.UtcNow;
        switch (what)
        {
            case "a forged signature":
                headers.Add(PartnerHeaders.Partner, "York LA");
                headers.Add(PartnerHeaders.Time, now.ToUnixTimeSeconds().ToString());
                headers.Add(PartnerHeaders.Signature, new string('a', 64));
                break;
            case "a signature older than five minutes":
                AddSigned(headers, York, now.AddMinutes(-6), Key);
                break;
            case "a signature made with another key":
                AddSigned(headers, York, now, PartnerHeaders.Key(PartnerRegistryHost.SigningKey + "x"));
                break;
            case "another partner's name on a valid signature":
                Add(headers, PartnerHeaders.Sign(York, now, Key) with { Partner = "Halton" });
                break;
            case "another acts-for set on a valid signature":
                Add(headers, PartnerHeaders.Sign(York, now, Key) with { ActsFor = "la:816,la:873" });
                break;
            case "everyone for the acts-for set on a valid signature":
                Add(headers, PartnerHeaders.Sign(York, now, Key) with { ActsFor = "*" });
                break;
            case "a valid signature without its acts-for":
                foreach (var (name, value) in PartnerHeaders.Sign(York, now, Key).Headers.Where(h => h.Key != PartnerHeaders.ActsFor)) headers.Add(name, value);
                break;
            case "the acts-for sent twice":
                AddSigned(headers, York, now, Key);
                headers.Add(PartnerHeaders.ActsFor, "*");
                break;
            case "a name without time or signature":
                headers.Add(PartnerHeaders.Partner, "York LA");
                break;
            case "the name sent twice":
                AddSigned(headers, York, now, Key);
                headers.Add(PartnerHeaders.Partner, "Halton");
                break;
            case "only an x-sia-partner-role header":
                headers.Add("x-sia-partner-role", "admin");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(what), what, null);
        }
        return headers;
    }

    private static void AssertRefused(RpcException error)
    {
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("x-sia-partner headers did not verify", error.Status.Detail);
        Assert.Contains(PartnerHeaders.SigningKeyConfigKey, error.Status.Detail);
    }

    /// <summary>The fixture extract's first school (ASCII, as is its header) under another URN and establishment number.</summary>
    private async Task<ImportGiasExtractResponse> ImportOneSchoolAsync(int urn, Metadata headers)
    {
        const string firstSchool = "100000,\"201\",\"City of London\",\"3614\",";
        var lines = await File.ReadAllLinesAsync(RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv"), Encoding.Latin1);
        Assert.StartsWith(firstSchool, lines[1]);
        var extract = $"{lines[0]}\r\n{urn},\"201\",\"City of London\",\"{urn % 10_000:D4}\",{lines[1][firstSchool.Length..]}\r\n";

        using var call = new GiasImportService.GiasImportServiceClient(_host.CreateChannel()).ImportGiasExtract(headers);
        try
        {
            await call.RequestStream.WriteAsync(new ImportGiasExtractRequest { Chunk = ByteString.CopyFrom(Encoding.Latin1.GetBytes(extract)) });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server ended the call before taking the chunk; the response carries its status.
        }
        return await call.ResponseAsync;
    }

    private static Metadata CallId(out string id)
    {
        id = Guid.NewGuid().ToString("N");
        return new Metadata { { PartnerRegistryHost.CallIdHeader, id } };
    }

    private static void AddSigned(Metadata headers, CallingPartner partner, DateTimeOffset at, byte[] key) =>
        Add(headers, PartnerHeaders.Sign(partner, at, key));

    private static void Add(Metadata headers, SignedPartnerHeaders signed)
    {
        foreach (var (name, value) in signed.Headers) headers.Add(name, value);
    }

    /// <summary>The registry's gRPC server span in the trace; it ends just after the response, so it may come a moment later.</summary>
    private async Task<Activity> ServerSpanAsync(ActivityTraceId traceId)
    {
        Activity? span = null;
        await Until.TrueAsync(() => (span = _stopped.FirstOrDefault(a => a.TraceId == traceId && a.Source.Name == ServerSource)) is not null,
            $"the server span in trace {traceId}");
        return span!;
    }
}

/// <summary>A service without Gateway:PartnerSigningKey ignores x-sia-partner headers: no call has a partner.</summary>
public sealed class CallingPartnerWithoutKeyTests(KeylessRegistryHost host) : IClassFixture<KeylessRegistryHost>
{
    [Fact]
    public async Task Partner_headers_are_ignored_and_the_call_has_no_partner()
    {
        var id = Guid.NewGuid().ToString("N");
        var headers = new Metadata
        {
            { PartnerRegistryHost.CallIdHeader, id },
            { PartnerHeaders.Partner, "York LA" },
            { PartnerHeaders.Time, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString() },
            { PartnerHeaders.Signature, new string('a', 64) },
        };

        await new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel()).ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest(), headers);

        Assert.True(host.Partners.TryGetValue(id, out var partner));
        Assert.Null(partner);
    }
}
